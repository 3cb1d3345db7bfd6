import { randomBytes } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { api } from '../QlikCloud/actions/api';
import {
	authenticationProperty,
	credentialsForAuthentication,
} from '../QlikCloud/shared/descriptions';
import type { QlikList } from '../QlikCloud/shared/types';
import { normalizeEvent, verifySignature } from './events';

interface StaticData {
	webhookId?: string;
	webhookSecret?: string;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

function forget(data: StaticData): void {
	delete data.webhookId;
	delete data.webhookSecret;
}

/** DELETE of our webhook at Qlik; one already gone (404) counts as deleted. */
async function deleteAtQlik(this: IHookFunctions, id: string): Promise<void> {
	try {
		await api.webhook.delete.call(this, { path: { id } });
	} catch (error) {
		if (!isNotFound(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
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
		description:
			'Starts the workflow when Qlik Cloud sends an event (a reload finished, a file landed, …)',
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

	methods = {
		loadOptions: {
			async getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const { body } = await api.webhook.getEventTypes.call(this);
				return ((body as QlikList).data ?? [])
					.map((type) => ({
						name: String(type.title ?? type.name),
						value: String(type.name),
						description: typeof type.description === 'string' ? type.description : undefined,
					}))
					.sort((a, b) => a.name.localeCompare(b.name));
			},
		},
	};

	webhookMethods = {
		default: {
			/**
			 * Our webhook still exists at Qlik for this URL. One deleted there is forgotten; one
			 * pointing elsewhere (n8n's URL changed) is deleted, so that a new one is registered.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				if (!data.webhookId || !data.webhookSecret) return false;
				try {
					const { body } = await api.webhook.get.call(this, { path: { id: data.webhookId } });
					if ((body as IDataObject).url === this.getNodeWebhookUrl('default')) return true;
					await deleteAtQlik.call(this, data.webhookId);
				} catch (error) {
					if (!isNotFound(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
				}
				forget(data);
				return false;
			},

			/** Registers a webhook at Qlik with a new random secret, kept in static data. */
			async create(this: IHookFunctions): Promise<boolean> {
				const events = this.getNodeParameter('events', []) as string[];
				const options = this.getNodeParameter('options', {}) as IDataObject;
				const secret = randomBytes(32).toString('hex');
				const body: IDataObject = {
					name: `n8n: ${this.getWorkflow().name ?? 'workflow'} (${this.getNode().name})`.slice(
						0,
						512,
					),
					description:
						'Created by the n8n Qlik Cloud Trigger; deleted when the workflow is deactivated',
					url: this.getNodeWebhookUrl('default'),
					eventTypes: events,
					enabled: true,
					secret,
				};
				if (options.level) body.level = options.level;
				if (typeof options.filter === 'string' && options.filter.trim() !== '') {
					body.filter = options.filter.trim();
				}
				const { body: created } = await api.webhook.create.call(this, { body });
				const data = this.getWorkflowStaticData('node') as StaticData;
				data.webhookId = String((created as IDataObject).id);
				data.webhookSecret = secret;
				return true;
			},

			/** Deletes our webhook at Qlik; one already gone counts as deleted. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				if (data.webhookId) {
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
		const body = this.getBodyData();
		return { workflowData: [this.helpers.returnJsonArray([normalizeEvent(body)])] };
	}
}
