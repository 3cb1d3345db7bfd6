import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import type { ResourceValue } from '../actions/generated';
import {
	CREDENTIAL_TYPES,
	DEFAULT_MAX_RETRIES,
	DEFAULT_MAX_RETRY_WAIT_SECONDS,
} from '../transport';
import { ID_REGEX } from './ids';

/**
 * What the nodes panel says about Qlik Cloud. n8n shows the node and its trigger as one entry and
 * gives that entry the trigger's description (editor-ui `useActionsGeneration`,
 * `generateMergedNodesAndActions`), so both nodes carry this one.
 */
export const QLIK_CLOUD_DESCRIPTION =
	'Automate Qlik Cloud: spaces, data, apps, users, reloads, tasks and every Manage API, and start workflows on its events';

/** The three sign-in methods: the `authentication` parameter picks the credential type. */
export const credentialsForAuthentication: INodeCredentialDescription[] = Object.values(
	CREDENTIAL_TYPES,
).map((name) => ({
	name,
	required: true,
	displayOptions: { show: { authentication: [name] } },
}));

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'API Key', value: CREDENTIAL_TYPES.apiKey },
		{ name: 'OAuth2 Interactive (PKCE)', value: CREDENTIAL_TYPES.interactive },
		{ name: 'OAuth2 Machine-to-Machine', value: CREDENTIAL_TYPES.m2m },
	],
	default: 'qlikCloudApi',
};

/** A list search method: one per resource that has a list, and the assignees of a space. */
export type SearchMethod = `search${Capitalize<ResourceValue>}` | 'searchAssignees';

/**
 * Objects people know by name: a locator that lists one of them also has a By Name mode, and the
 * node finds the object by its exact name (`actions/names.ts`). Keyed by the locator's list search.
 */
export const BY_NAME = {
	searchSpace: { kind: 'space', example: 'Finance' },
	searchApp: { kind: 'app', example: 'Sales Dashboard' },
	searchUser: { kind: 'user', example: 'Jane Doe' },
} as const;

export type NamedKind = (typeof BY_NAME)[keyof typeof BY_NAME]['kind'];

export const BY_NAME_MODE = 'name';

/** Whether a resource (a locator's list) is one whose objects a locator can find by name. */
export function isNamedKind(resource: string | undefined): resource is NamedKind {
	return Object.values(BY_NAME).some((b) => b.kind === resource);
}

/** The kind of object a locator finds by name, or undefined when it has no By Name mode. */
export function namedKindOf(p: INodeProperties): NamedKind | undefined {
	if (p.type !== 'resourceLocator' || !p.modes?.some((m) => m.name === BY_NAME_MODE)) return;
	const method = p.modes.find((m) => m.type === 'list')?.typeOptions?.searchListMethod;
	return BY_NAME[method as keyof typeof BY_NAME]?.kind;
}

/** A resource locator: From list (searchable) or By ID, and By Name for spaces, apps and users. */
export function resourceLocator(options: {
	name: string;
	displayName: string;
	searchListMethod: string;
	placeholder: string;
	description?: string;
	required?: boolean;
}): INodeProperties {
	const named = BY_NAME[options.searchListMethod as keyof typeof BY_NAME];
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description:
			options.description ??
			`The ${options.displayName.toLowerCase()}: pick it from the list or give its ID${named ? ' or its exact name' : ''}`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: ID_REGEX, errorMessage: 'Not a valid Qlik Cloud ID' },
					},
				],
			},
			...(named
				? [
						{
							displayName: 'By Name',
							name: BY_NAME_MODE,
							type: 'string' as const,
							placeholder: `e.g. ${named.example}`,
						},
					]
				: []),
		],
	};
}

export const spaceLocator = resourceLocator({
	name: 'spaceId',
	displayName: 'Space',
	searchListMethod: 'searchSpace',
	placeholder: 'e.g. 62716f4b39b865ece543cd45',
});

export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** How requests are sent: pacing and retries. Every operation has them in its Options. */
const requestBehaviour: INodeProperties[] = [
	{
		displayName: 'Max Requests per Minute',
		name: 'maxRequestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			"Pace calls of this operation's rate tier to at most this many per minute. 0 uses Qlik's limit for the tier (1,000 for tier 1, 100 for tier 2). Lower it when several workflows share one user.",
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: DEFAULT_MAX_RETRIES,
		description:
			'How often a call is retried after a rate limit (429), or after a server or network error when the call is safe to repeat (never a create)',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_MAX_RETRY_WAIT_SECONDS,
		description: 'Upper bound on the total time one call may wait between retries',
	},
	{
		displayName: 'Pace Requests',
		name: 'pacing',
		type: 'boolean',
		default: true,
		description:
			"Whether to space calls so that a run stays under Qlik's rate limit instead of running into it",
	},
];

/**
 * The Options collection: how requests are sent (pacing and retries). One property for every
 * operation, so that 461 operations do not repeat it.
 */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: requestBehaviour,
};

/** Space roles, by their names in Qlik's UI; which apply depends on the space type. */
export const SPACE_ROLE_OPTIONS = [
	{ name: 'Can Consume Data (Dataconsumer)', value: 'dataconsumer' },
	{ name: 'Can Contribute (Contributor)', value: 'contributor' },
	{ name: 'Can Edit (Producer)', value: 'producer' },
	{ name: 'Can Edit Data in Apps (Codeveloper)', value: 'codeveloper' },
	{ name: 'Can Manage (Facilitator)', value: 'facilitator' },
	{ name: 'Can Operate (Operator)', value: 'operator' },
	{ name: 'Can Publish (Publisher)', value: 'publisher' },
	{ name: 'Can View (Consumer)', value: 'consumer' },
	{ name: 'Can View Data (Datapreview)', value: 'datapreview' },
	{ name: 'Has Restricted View (Basicconsumer)', value: 'basicconsumer' },
];
export const SPACE_ROLES = SPACE_ROLE_OPTIONS.map((o) => o.value);

export const SPACE_TYPE_OPTIONS = [
	{
		name: 'Data',
		value: 'data',
		description: 'Holds data sources and data files for others to use',
	},
	{
		name: 'Managed',
		value: 'managed',
		description: 'Publishes apps to consumers under governance',
	},
	{ name: 'Shared', value: 'shared', description: 'For teams developing apps together' },
];
export const SPACE_TYPES = SPACE_TYPE_OPTIONS.map((o) => o.value);

export const assigneeLocator = resourceLocator({
	name: 'assigneeId',
	displayName: 'Assignee',
	searchListMethod: 'searchAssignees',
	placeholder: 'e.g. 6246c8d6e7e4a1001d4a3a35',
	description: 'The user or group (by the type chosen above)',
});
