/**
 * What each event of the polling trigger reads: which generated list (through `api`), with which
 * query (filters and a newest-first sort the spec allows), the time the list is sorted by, and
 * how one listed object becomes zero or one event in the webhook trigger's shape.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ApiOperation } from '../QlikCloud/actions/api';
import { api } from '../QlikCloud/actions/api';

export interface Watch {
	/** Reload events: one app's reloads; empty = every app's (needs Tenant Admin). */
	appId: string;
	/** Audit events: the event type to watch. */
	eventType: string;
}

/** One event in the webhook trigger's item shape; `data` is the object as Qlik listed it. */
export interface TriggerEvent extends IDataObject {
	type: string;
	time: string;
	id: string;
	resourceId?: string;
	spaceId?: string;
	ownerId?: string;
	userId?: string;
	tenantId?: string;
	format: 'poll';
	data: IDataObject;
}

export interface EventSource {
	name: string;
	value: string;
	description: string;
	list: ApiOperation;
	/** The node settings (beside Event) this source reads. */
	settings: Array<keyof Watch>;
	/** Query for a newest-first walk; `since` (ISO) is the cursor time once there is one. */
	query(watch: Watch, since?: string): IDataObject;
	/** The time the list is sorted by (newest first), in ms; undefined when the object has none yet. */
	sortTime(o: IDataObject): number | undefined;
	/** The event this object stands for, or undefined when it is not one (yet). */
	event(o: IDataObject): TriggerEvent | undefined;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const ms = (v: unknown) => {
	const t = typeof v === 'string' ? Date.parse(v) : NaN;
	return Number.isNaN(t) ? undefined : t;
};

const RELOAD_ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXCEEDED_LIMIT']);

function reloadSource(
	value: string,
	name: string,
	description: string,
	only?: string,
): EventSource {
	return {
		name,
		value,
		description,
		list: api.reload.getAll,
		settings: ['appId'],
		query: ({ appId }) => ({
			...(appId ? { appId } : {}),
			...(only ? { filter: `status eq "${only}"` } : {}),
			sort: '-endTime',
		}),
		sortTime: (o) => ms(o.endTime),
		event(o) {
			const status = String(o.status);
			if (!text(o.endTime) || !RELOAD_ENDED.has(status) || (only && status !== only))
				return undefined;
			return {
				type: 'com.qlik.v1.app.reload.finished',
				time: String(o.endTime),
				id: String(o.id),
				resourceId: text(o.appId),
				userId: text(o.userId),
				tenantId: text(o.tenantId),
				format: 'poll',
				data: o,
			};
		},
	};
}

function dataFileSource(
	kind: 'created' | 'updated',
	name: string,
	description: string,
): EventSource {
	return {
		name,
		value: kind === 'created' ? 'dataFileCreated' : 'dataFileUpdated',
		description,
		list: api.dataFile.getAll,
		settings: [],
		query: () => ({ includeAllSpaces: true, sort: '-modifiedDate' }),
		sortTime: (o) => ms(o.modifiedDate),
		event(o) {
			const created = text(o.createdDate);
			const modified = text(o.modifiedDate);
			const time = kind === 'created' ? created : modified;
			if (!time || (kind === 'updated' && modified === created)) return undefined;
			return {
				type: `com.qlik.v1.data-file.${kind}`,
				time,
				id: kind === 'created' ? String(o.id) : `${String(o.id)}@${time}`,
				resourceId: text(o.id),
				spaceId: text(o.spaceId),
				ownerId: text(o.ownerId),
				format: 'poll',
				data: o,
			};
		},
	};
}

function auditSource(
	value: string,
	name: string,
	description: string,
	fixedType?: string,
): EventSource {
	return {
		name,
		value,
		description,
		list: api.audit.getAll,
		settings: fixedType ? [] : ['eventType'],
		query: ({ eventType }, since) => ({
			eventType: fixedType ?? eventType,
			sort: '-eventTime',
			...(since ? { eventTime: `${since}/9999-12-31T23:59:59.999Z` } : {}),
		}),
		sortTime: (o) => ms(o.eventTime),
		event(o) {
			const extensions = (o.extensions ?? {}) as IDataObject;
			const data = (o.data ?? {}) as IDataObject;
			if (!text(o.eventTime)) return undefined;
			return {
				type: String(o.eventType),
				time: String(o.eventTime),
				id: String(o.id),
				resourceId: text(extensions.topLevelResourceId) ?? text(data.id),
				spaceId: text(extensions.spaceId),
				ownerId: text(extensions.ownerId),
				userId: text(o.userId),
				tenantId: text(o.tenantId),
				format: 'poll',
				data: o,
			};
		},
	};
}

export const SOURCES: EventSource[] = [
	reloadSource(
		'reloadFinished',
		'Reload Finished',
		'A reload of an app ended, whatever its outcome (succeeded, failed, canceled, over a limit)',
	),
	reloadSource(
		'reloadFailed',
		'Reload Failed',
		'A reload of an app ended with status FAILED',
		'FAILED',
	),
	dataFileSource(
		'created',
		'Data File Created',
		'A data file was uploaded to a space or a personal space',
	),
	dataFileSource('updated', 'Data File Updated', "A data file's content or name changed"),
	auditSource(
		'appPublished',
		'App Published',
		'An app was published to a managed space (read from the audit log)',
		'com.qlik.v1.app.published',
	),
	auditSource(
		'auditEvent',
		'Audit Event',
		'An event of a type you choose was written to the audit log',
	),
];

export function sourceOf(value: string): EventSource {
	const source = SOURCES.find((s) => s.value === value);
	if (!source) throw new Error(`Unknown event ${value}`);
	return source;
}
