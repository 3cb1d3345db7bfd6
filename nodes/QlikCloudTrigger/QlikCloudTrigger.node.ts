import { randomBytes } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { api } from '../QlikCloud/actions/api';
import { getEventTypes } from '../QlikCloud/methods/loadOptions';
import {
	authenticationProperty,
	credentialsForAuthentication,
	QLIK_CLOUD_DESCRIPTION,
} from '../QlikCloud/shared/descriptions';
import type { QlikList } from '../QlikCloud/shared/types';
import { isReplay, normalizeEvent, verifySignature } from './events';

interface StaticData {
	webhookId?: string;
	webhookSecret?: string;
	/** The workflow that registered the webhook: static data copied into another is not its own. */
	workflowId?: string;
	/** Recent event IDs and when they came (ms), oldest first (see `isReplay`). */
	seenEvents?: Array<[id: string, at: number]>;
}

/** What the node's settings ask Qlik to send; compared whole with what Qlik has. */
interface Registration {
	url: string;
	eventTypes: string[];
	level: string;
	filter?: string;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

/** A failure after which the request may have taken effect (no answer, or a server error). */
function unconfirmed(error: unknown): boolean {
	const code = (error as { httpCode?: string | null }).httpCode;
	return !code || !/^\d{3}$/.test(code) || Number(code) >= 500;
}

function forget(data: StaticData): void {
	delete data.webhookId;
	delete data.webhookSecret;
	delete data.workflowId;
}

function wanted(this: IHookFunctions): Registration {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const filter = typeof options.filter === 'string' ? options.filter.trim() : '';
	return {
		url: this.getNodeWebhookUrl('default') ?? '',
		eventTypes: (this.getNodeParameter('events', []) as string[]).map(String),
		// The level the form shows: User unless Tenant is chosen (Qlik's own default is tenant).
		level: typeof options.level === 'string' && options.level !== '' ? options.level : 'user',
		...(filter ? { filter } : {}),
	};
}

/** Whether Qlik's webhook is enabled and registered as the node's settings ask. */
function matches(at: IDataObject, want: Registration): boolean {
	const types = Array.isArray(at.eventTypes) ? at.eventTypes.map(String).sort() : [];
	return (
		at.enabled === true &&
		at.url === want.url &&
		JSON.stringify(types) === JSON.stringify([...want.eventTypes].sort()) &&
		(at.level ?? 'tenant') === want.level &&
		(typeof at.filter === 'string' ? at.filter : '') === (want.filter ?? '')
	);
}

/** The static data is this workflow's own (a copy imported with another's data is not). */
function ownData(this: IHookFunctions, data: StaticData): boolean {
	return data.workflowId === undefined || data.workflowId === String(this.getWorkflow().id);
}

/** DELETE of our webhook at Qlik; one already gone (404) counts as deleted. */
async function deleteAtQlik(this: IHookFunctions, id: string): Promise<void> {
	try {
		await api.webhook.delete.call(this, { path: { id } });
	} catch (error) {
		if (!isNotFound(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

/**
 * After a create that got no definite answer: deletes the webhook it may have made (found by
 * its name and the registration mark in its description), so that none is left behind.
 */
async function removeUnconfirmed(this: IHookFunctions, name: string, mark: string) {
	try {
		const { body } = await api.webhook.getAll.call(this, { qs: { name, limit: 100 } });
		const found = ((body as QlikList).data ?? []).filter(
			(w) => typeof w.description === 'string' && w.description.includes(mark),
		);
		for (const webhook of found) await deleteAtQlik.call(this, String(webhook.id));
	} catch (error) {
		this.logger.warn(
			`Qlik Cloud Trigger: a webhook named "${name}" may be left at Qlik: ${(error as Error).message}`,
		);
	}
}

export class QlikCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qlik Cloud Trigger',
		name: 'qlikCloudTrigger',
		icon: { light: 'file:../../icons/qlik.svg', dark: 'file:../../icons/qlik.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: QLIK_CLOUD_DESCRIPTION,
		defaults: { name: 'Qlik Cloud Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsForAuthentication,
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Qlik Cloud calls this trigger, so this n8n needs a public HTTPS URL that Qlik can reach. For a local n8n or one behind a firewall, use the Qlik Cloud Polling Trigger instead.',
				name: 'publicUrlNotice',
				type: 'notice',
				default: '',
			},
			authenticationProperty,
			{
				displayName: 'Event Names or IDs',
				name: 'events',
				type: 'multiOptions',
				required: true,
				typeOptions: { loadOptionsMethod: 'getEventTypes' },
				default: [],
				description:
					'The Qlik Cloud events that start the workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Filter',
						name: 'filter',
						type: 'string',
						default: '',
						placeholder: 'e.g. spaceId eq "62716f4b39b865ece543cd45"',
						description:
							'Only events that match this filter (attributes ID, spaceId, topLevelResourceId; for reload events also data.status eq "ok" or "error")',
					},
					{
						displayName: 'Level',
						name: 'level',
						type: 'options',
						default: 'user',
						options: [
							{ name: 'Tenant (Needs Tenant Admin)', value: 'tenant' },
							{ name: 'User', value: 'user' },
						],
						description: "Whose events: the whole tenant's, or only the signed-in user's",
					},
				],
			},
		],
	};

	methods = { loadOptions: { getEventTypes } };

	webhookMethods = {
		default: {
			/**
			 * Our webhook exists at Qlik, enabled and registered as the settings ask (URL, events,
			 * filter, level). One deleted there is forgotten; one that differs or that Qlik disabled
			 * is deleted, so that a new one is registered. Static data copied from another workflow
			 * is forgotten without touching that workflow's webhook.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				if (!data.webhookId || !data.webhookSecret) return false;
				if (!ownData.call(this, data)) {
					forget(data);
					return false;
				}
				const want = wanted.call(this);
				try {
					const { body } = await api.webhook.get.call(this, { path: { id: data.webhookId } });
					const at = (body ?? {}) as IDataObject;
					// Registered before the workflow was recorded: ours only if it calls our URL.
					if (data.workflowId === undefined && at.url !== want.url) {
						forget(data);
						return false;
					}
					if (matches(at, want)) {
						data.workflowId = String(this.getWorkflow().id);
						return true;
					}
					await deleteAtQlik.call(this, data.webhookId);
				} catch (error) {
					if (!isNotFound(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
				}
				forget(data);
				return false;
			},

			/** Registers a webhook at Qlik with a new random secret, kept in static data. */
			async create(this: IHookFunctions): Promise<boolean> {
				const want = wanted.call(this);
				const secret = randomBytes(32).toString('hex');
				const mark = `registration ${randomBytes(8).toString('hex')}`;
				const name = `n8n: ${this.getWorkflow().name ?? 'workflow'} (${this.getNode().name})`.slice(
					0,
					512,
				);
				const body: IDataObject = {
					name,
					description: `Created by the n8n Qlik Cloud Trigger (${mark}); deleted when the workflow is deactivated`,
					url: want.url,
					eventTypes: want.eventTypes,
					enabled: true,
					secret,
					level: want.level,
					...(want.filter ? { filter: want.filter } : {}),
				};
				let created: IDataObject;
				try {
					({ body: created } = (await api.webhook.create.call(this, { body })) as {
						body: IDataObject;
					});
				} catch (error) {
					if (unconfirmed(error)) await removeUnconfirmed.call(this, name, mark);
					throw new NodeApiError(this.getNode(), error as JsonObject);
				}
				const data = this.getWorkflowStaticData('node') as StaticData;
				data.webhookId = String(created.id);
				data.webhookSecret = secret;
				data.workflowId = String(this.getWorkflow().id);
				return true;
			},

			/** Deletes our webhook at Qlik; one already gone counts as deleted. Static data copied
			 * from another workflow is forgotten without deleting that workflow's webhook. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				if (data.webhookId && ownData.call(this, data)) {
					try {
						await deleteAtQlik.call(this, data.webhookId);
					} catch (error) {
						this.logger.warn(
							`Qlik Cloud Trigger: could not delete webhook ${data.webhookId}: ${(error as Error).message}`,
						);
						return false;
					}
				}
				forget(data);
				return true;
			},
		},
	};

	/** Only deliveries signed with our secret start the workflow; anything else gets 401. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
			rawBody?: Buffer;
		};
		const data = this.getWorkflowStaticData('node') as StaticData;
		const signature = this.getHeaderData()['qlik-signature'];
		if (!verifySignature(request.rawBody, signature, data.webhookSecret)) {
			this.getResponseObject().status(401).send('Unauthorized').end();
			return { noWebhookResponse: true };
		}
		const event = normalizeEvent(this.getBodyData());
		// A signed delivery stays readable at Qlik (the Webhook resource): one seen before or
		// too old is acknowledged, so that Qlik does not retry it, and starts nothing.
		if (isReplay(data, event)) return { webhookResponse: 'Already received' };
		return { workflowData: [this.helpers.returnJsonArray([event])] };
	}
}
