import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	authenticationProperty,
	credentialsForAuthentication,
} from '../QlikCloud/shared/descriptions';
import { createTransportSettings } from '../QlikCloud/transport';
import { advance, olderThan, startCursor, type Cursor, type Polled } from './cursor';
import { SOURCES, sourceOf, type EventSource, type TriggerEvent, type Watch } from './sources';

interface StaticData {
	/** Which event (and app or audit type) the cursor belongs to; another one starts anew. */
	watching?: string;
	cursor?: Cursor;
}

/** The events that read a setting: where the setting is shown. */
const reading = (setting: keyof Watch) =>
	SOURCES.filter((s) => s.settings.includes(setting)).map((s) => s.value);

/** The node's settings for this event, checked before any request. */
function readWatch(ctx: IPollFunctions, source: EventSource): Watch {
	const setting = (name: keyof Watch) =>
		source.settings.includes(name) ? String(ctx.getNodeParameter(name, '')).trim() : '';
	const appId = setting('appId');
	if (appId && !/^[\w-]+$/.test(appId)) {
		throw new NodeOperationError(ctx.getNode(), `App ID "${appId}" is not an app ID`, {
			description:
				'Give the ID of one app (letters, digits and dashes, as in the app URL), or leave App ID empty to watch every app (needs Tenant Admin).',
		});
	}
	const eventType = setting('eventType');
	if (source.settings.includes('eventType') && !/^[\w.:-]+$/.test(eventType)) {
		throw new NodeOperationError(
			ctx.getNode(),
			eventType ? `Event Type "${eventType}" is not an event type` : 'Event Type is empty',
			{ description: 'Give an audit event type such as com.qlik.v1.space.created.' },
		);
	}
	return { appId, eventType };
}

/** The listed objects that are events of this source, with their keys and times. */
function polled(source: EventSource, objects: unknown[]): Array<Polled<TriggerEvent>> {
	return objects.flatMap((o) => {
		const event = source.event(o as IDataObject);
		return event ? [{ key: event.id, time: Date.parse(event.time), value: event }] : [];
	});
}

/** Reads the source's list newest first; `enough` ends the walk after a page. */
async function read(
	ctx: IPollFunctions,
	source: EventSource,
	watch: Watch,
	since: string | undefined,
	enough: (page: unknown[]) => boolean,
): Promise<unknown[]> {
	return await source.list.all.call(
		ctx,
		{ qs: source.query(watch, since) },
		{ enough },
		createTransportSettings(ctx),
	);
}

export class QlikCloudPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qlik Cloud Polling Trigger',
		name: 'qlikCloudPollingTrigger',
		icon: { light: 'file:../../icons/qlik.svg', dark: 'file:../../icons/qlik.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when Qlik Cloud lists a new event (reloads, data files, audit log); works where Qlik cannot call n8n',
		defaults: { name: 'Qlik Cloud Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsForAuthentication,
		properties: [
			{
				displayName:
					'This trigger asks Qlik Cloud for new events on a schedule, so n8n needs no public URL. The first poll after activation only notes where things stand: events from before it are not replayed.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			authenticationProperty,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				default: 'reloadFinished',
				options: SOURCES.map(({ name, value, description }) => ({ name, value, description })),
			},
			{
				displayName: 'App ID',
				name: 'appId',
				type: 'string',
				default: '',
				placeholder: 'e.g. f34b91a1-0dc3-44ac-a847-51cb84122c84',
				description:
					'Only the reloads of this app. Leave empty for the reloads of every app (the credential needs Tenant Admin).',
				displayOptions: { show: { event: reading('appId') } },
			},
			{
				displayName: 'Event Type',
				name: 'eventType',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. com.qlik.v1.space.created',
				description:
					"The audit event type to watch, exactly as the audit log names it (the Qlik Cloud node's Audit → Get Types lists them)",
				displayOptions: { show: { event: reading('eventType') } },
			},
		],
	};

	/**
	 * One poll: the events since the cursor in static data, oldest first, once each. The first
	 * poll (or one after the event settings changed) only sets the cursor. Fetch Test Event
	 * (manual mode) returns the newest event and leaves the cursor alone.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const source = sourceOf(this.getNodeParameter('event') as string);
		const watch = readWatch(this, source);

		if (this.getMode() === 'manual') {
			const events = polled(source, await read(this, source, watch, undefined, () => true));
			const newest = events.sort((a, b) => b.time - a.time)[0];
			if (!newest) {
				throw new NodeOperationError(
					this.getNode(),
					`Qlik Cloud lists no "${source.name}" event yet`,
					{
						description:
							'Make one happen in Qlik Cloud (for example reload an app or upload a file) and fetch again.',
					},
				);
			}
			return [this.helpers.returnJsonArray([newest.value])];
		}

		const data = this.getWorkflowStaticData('node') as StaticData;
		const watching = JSON.stringify([source.value, watch.appId, watch.eventType]);
		if (!data.cursor || data.watching !== watching) {
			const objects = await read(this, source, watch, undefined, () => true);
			const times = objects.map((o) => source.sortTime(o as IDataObject) ?? 0);
			data.cursor = startCursor(polled(source, objects), times);
			data.watching = watching;
			return null;
		}

		const cursor = data.cursor;
		const objects = await read(this, source, watch, cursor.time, (page) =>
			olderThan(cursor, source.sortTime((page[page.length - 1] ?? {}) as IDataObject)),
		);
		const { fresh, cursor: next } = advance(cursor, polled(source, objects));
		if (fresh.length === 0) return null;
		data.cursor = next;
		return [this.helpers.returnJsonArray(fresh.map((e) => e.value))];
	}
}
