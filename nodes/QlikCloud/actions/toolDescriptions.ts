/**
 * What the *Qlik Cloud Tool* says, written by hand, for the operations an AI agent uses most
 * (spaces, apps, items, reloads, users, groups, data files, data connections, data sets,
 * audits): what the operation does and what each result holds. The rule adds the bound of a list
 * and the inputs it needs (`shared/toolDescription.ts`); every other operation's text is the
 * rule's alone. Keys are operation values; a key that names no operation fails at load.
 */
import type { ResourceValue } from './generated';

const RELOAD_AND_WAIT =
	'Reloads a Qlik Cloud app (runs its load script) and waits for the reload to end unless the tool is set not to wait. Answers with the reload: id, status (SUCCEEDED when it worked), start and end time and the end of its log; a reload that fails is an error quoting the end of its log.';

export const TOOL_DESCRIPTIONS: Partial<Record<ResourceValue, Record<string, string>>> = {
	space: {
		getAll:
			'Lists the Qlik Cloud spaces the user can see (shared, managed and data spaces): each with id, name, type, description, ownerId and createdAt.',
		get: 'Gets one Qlik Cloud space: id, name, type (shared, managed or data), description, ownerId and dates.',
		create:
			'Creates a Qlik Cloud space with a name (unique in the tenant) and a type: shared, managed or data. Answers with the new space and its id.',
		update:
			'Changes the name, description or owner of a Qlik Cloud space; what is not given stays. Answers with the updated space.',
		getTypes: 'Lists the space types this Qlik Cloud tenant offers (shared, managed, data).',
	},
	spaceAssignment: {
		getAll:
			'Lists the members of a Qlik Cloud space: each assignment with id, type (user or group), assigneeId (the user or group ID) and roles.',
		create:
			'Adds a user or group to a Qlik Cloud space with roles (consumer, contributor, producer…; which apply depends on the space type). Answers with the new assignment and its id.',
		delete:
			'Removes a member from a Qlik Cloud space, by the assignment ID from the space\'s member list. Answers {"deleted": true}.',
	},
	app: {
		getAll:
			'Finds Qlik Cloud apps through the catalog: each with id (the app ID), name, spaceId, ownerId, dates and last reload status.',
		get: "Gets one Qlik Cloud app: its attributes (id, name, description, owner, space, published, last reload time) and the user's privileges on it.",
		reload: RELOAD_AND_WAIT,
		copy: 'Copies a Qlik Cloud app, optionally under another name or into another space. Answers with the new app and its attributes (id, name, spaceId).',
	},
	item: {
		getAll:
			'Finds Qlik Cloud catalog items (apps, data sets, automations…) by type, name, space or owner: each with id (the item ID), name, resourceType, resourceId (the ID of the app or other object), spaceId, ownerId and dates.',
		get: 'Gets one Qlik Cloud catalog item by its item ID (not its resourceId): name, resourceType, resourceId, spaceId, ownerId and dates.',
	},
	reload: {
		start: RELOAD_AND_WAIT,
		get: 'Gets one reload of a Qlik Cloud app: status (QUEUED, RELOADING, SUCCEEDED, FAILED, CANCELED, EXCEEDED_LIMIT), errorCode, errorMessage, creation, start and end time, and the end of its log.',
		getAll:
			'Lists the reloads of one Qlik Cloud app: each with id, status, errorMessage, creationTime, startTime and endTime (and the log only when asked).',
	},
	user: {
		getAll:
			'Lists the users of the Qlik Cloud tenant: each with id, name, email, status (active, invited, disabled…), assigned roles and groups.',
		get: 'Gets one Qlik Cloud user: id, name, email, subject, status, assigned roles and groups, and creation time.',
		getCurrent:
			'Gets the Qlik Cloud user that this tool acts as: id, name, email, status, assigned roles and groups.',
	},
	group: {
		getAll:
			'Lists the groups of the Qlik Cloud tenant: each with id, name, status, providerType and assigned roles.',
		get: 'Gets one Qlik Cloud group: id, name, status, providerType, assigned roles and dates.',
	},
	dataFile: {
		getAll:
			"Lists Qlik Cloud data files: those of one space's DataFiles connection (connectionId), else of the personal space. Each with id, name, size, spaceId, ownerId, folder and created and modified dates.",
		get: 'Gets one Qlik Cloud data file: id, name, size, spaceId, ownerId and created and modified dates.',
		getSpaceConnection:
			"Gets the DataFiles connection of a Qlik Cloud space (or of the personal space). Its id is the connectionId that listing that space's data files takes.",
		getDataSet:
			'Finds the catalog data set made from a Qlik Cloud data file (by file ID, or by name and space), waiting until the catalog has it. Answers with the data set: id, name, spaceId and its schema.',
	},
	dataConnection: {
		getAll:
			'Lists Qlik Cloud data connections: each with id, qName (its name), qType (the connector), space and owner. Secrets are never shown.',
		get: 'Gets one Qlik Cloud data connection, by ID or by its exact name in a space: id, qName, qType, space, owner and connection properties without secrets.',
	},
	dataSet: {
		get: 'Gets one data set of the Qlik Cloud catalog: id, name, type, spaceId, ownerId, its data asset and its schema (each field with its data type).',
	},
	audit: {
		getAll:
			'Lists Qlik Cloud audit events (who did what, and when): each with id, eventType (e.g. com.qlik.v1.app.reload.finished), eventTime, userId, source and data about the object.',
		get: 'Gets one Qlik Cloud audit event: eventType, eventTime, userId, source and data about the object.',
	},
};
