/**
 * A small stand-in for n8n's execution context, enough to run the Qlik Cloud node through its
 * public surface (parameters in, items out) against the tenant simulator. It follows what
 * n8n-core does in `httpRequestWithAuthentication`: generic `authenticate`, `preAuthentication`
 * for an empty expirable field and once more after a 401, OAuth2 signing and refresh on 401,
 * and errors thrown as NodeApiError around the HTTP client's error. Real n8n runs the same
 * node in the e2e suite.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
	NodeApiError,
	isObjectEmpty,
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IPollFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';

import { QlikCloudApi } from '../../credentials/QlikCloudApi.credentials';
import { QlikCloudM2mOAuth2Api } from '../../credentials/QlikCloudM2mOAuth2Api.credentials';
import { QlikCloudOAuth2Api } from '../../credentials/QlikCloudOAuth2Api.credentials';
import { QlikCloud } from '../../nodes/QlikCloud/QlikCloud.node';
import { capture, captureDir, credentialSecrets, serializeError } from '../secrets/capture';

export const credentialTypes: Record<string, ICredentialType> = {
	qlikCloudApi: new QlikCloudApi(),
	qlikCloudM2mOAuth2Api: new QlikCloudM2mOAuth2Api(),
	qlikCloudOAuth2Api: new QlikCloudOAuth2Api(),
};

export interface StoredCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface Recorder {
	logs: string[];
	tokenRequests: number;
}

/** Evaluates an n8n expression string (`={{ … }}` or text with `{{ … }}` parts). */
export function resolveExpression(value: unknown, credentials: IDataObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const text = value.slice(1);
	const evaluate = (code: string) =>
		new Function('$credentials', '$self', `return (${code});`)(credentials, credentials) as unknown;
	const whole = /^\{\{([\s\S]*)\}\}$/.exec(text.trim());
	if (whole && !whole[1].includes('}}')) return evaluate(whole[1]);
	return text.replace(/\{\{([\s\S]*?)\}\}/g, (_, code: string) => String(evaluate(code)));
}

/** Credential data with every hidden default (URLs, grant type) filled in, as n8n does. */
export function withDefaults(stored: StoredCredential): IDataObject {
	const type = credentialTypes[stored.type];
	const data: IDataObject = { ...(stored.data as IDataObject) };
	for (const property of type.properties) {
		if (data[property.name] === undefined)
			data[property.name] = property.default as IDataObject[string];
	}
	for (const property of type.properties) {
		data[property.name] = resolveExpression(data[property.name], data) as IDataObject[string];
	}
	return data;
}

function toAxios(options: IHttpRequestOptions): AxiosRequestConfig {
	const url = options.baseURL ? `${options.baseURL}${options.url}` : options.url;
	let data: unknown = options.body;
	const headers: Record<string, string> = {
		...((options.headers as Record<string, string>) ?? {}),
	};
	if (data instanceof URLSearchParams)
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	if (options.method === 'GET' || options.method === undefined) data = undefined;
	// n8n (2.40, @n8n/backend-network) sends no body for an empty object, whatever the method.
	if (typeof data === 'object' && data !== null && isObjectEmpty(data)) data = undefined;
	return {
		method: options.method ?? 'GET',
		url,
		params: options.qs,
		data,
		headers,
		responseType:
			options.encoding === 'arraybuffer' ||
			options.encoding === 'stream' ||
			options.encoding === 'text'
				? options.encoding
				: 'json',
		maxRedirects: options.disableFollowRedirect ? 0 : 5,
		timeout: options.timeout ?? 60000,
		signal: options.abortSignal as AbortSignal | undefined,
	};
}

/** n8n's `helpers.httpRequest`: throws the HTTP client's error on non-2xx. */
export async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const response = await axios.request(toAxios(options));
	if (options.returnFullResponse) {
		return {
			body: response.data,
			headers: response.headers,
			statusCode: response.status,
			statusMessage: response.statusText,
		};
	}
	return response.data;
}

function authenticate(
	type: ICredentialType,
	credentials: IDataObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const auth = type.authenticate;
	if (!auth || typeof auth === 'function') return options;
	const headers = { ...((options.headers as IDataObject) ?? {}) };
	for (const [key, value] of Object.entries(auth.properties.headers ?? {})) {
		headers[key] = resolveExpression(value, credentials) as string;
	}
	return { ...options, headers };
}

async function preAuthenticate(
	stored: StoredCredential,
	recorder: Recorder,
	force: boolean,
): Promise<void> {
	const type = credentialTypes[stored.type];
	const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
	if (!expirable || !type.preAuthentication) return;
	if (!force && stored.data[expirable.name]) return;
	recorder.tokenRequests++;
	const output = await type.preAuthentication.call(
		{ helpers: { httpRequest } } as never,
		withDefaults(stored) as ICredentialDataDecryptedObject,
	);
	Object.assign(stored.data, output);
}

async function refreshOAuth2(stored: StoredCredential, recorder: Recorder): Promise<void> {
	const data = withDefaults(stored);
	const token = stored.data.oauthTokenData as IDataObject | undefined;
	if (!token?.refresh_token) throw new Error('OAuth credentials not connected: no refresh token');
	const form = new URLSearchParams({
		grant_type: 'refresh_token',
		refresh_token: String(token.refresh_token),
	});
	if (data.clientSecret) {
		form.set('client_id', String(data.clientId));
		form.set('client_secret', String(data.clientSecret));
	} else {
		form.set('client_id', String(data.clientId));
	}
	recorder.tokenRequests++;
	const answer = (await httpRequest({
		method: 'POST',
		url: String(data.accessTokenUrl),
		body: form,
	})) as IDataObject;
	stored.data.oauthTokenData = { ...token, ...answer };
}

/** `helpers.httpRequestWithAuthentication` as n8n-core runs it. */
export function makeAuthenticatedRequest(
	node: INode,
	credentials: Record<string, StoredCredential>,
	recorder: Recorder,
) {
	return async function (credentialType: string, options: IHttpRequestOptions): Promise<unknown> {
		const stored = credentials[credentialType];
		if (!stored) throw new Error(`No credential of type ${credentialType}`);
		const type = credentialTypes[credentialType];
		if (type.extends?.includes('oAuth2Api')) {
			const sign = () => ({
				...options,
				headers: {
					...((options.headers as IDataObject) ?? {}),
					Authorization: `Bearer ${String((stored.data.oauthTokenData as IDataObject)?.access_token)}`,
				},
			});
			try {
				return await httpRequest(sign());
			} catch (error) {
				if ((error as { response?: { status?: number } }).response?.status === 401) {
					try {
						await refreshOAuth2(stored, recorder);
						return await httpRequest(sign());
					} catch (retryError) {
						throw new NodeApiError(node, retryError as JsonObject);
					}
				}
				throw new NodeApiError(node, error as JsonObject);
			}
		}
		try {
			await preAuthenticate(stored, recorder, false);
			return await httpRequest(authenticate(type, withDefaults(stored), options));
		} catch (error) {
			if (
				(error as { response?: { status?: number } }).response?.status === 401 &&
				type.preAuthentication
			) {
				try {
					await preAuthenticate(stored, recorder, true);
					return await httpRequest(authenticate(type, withDefaults(stored), options));
				} catch (retryError) {
					throw new NodeApiError(node, retryError as JsonObject);
				}
			}
			throw new NodeApiError(node, error as JsonObject);
		}
	};
}

/** n8n's credential test: the type's `test` request with preAuthentication forced. */
export async function testCredential(
	stored: StoredCredential,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const type = credentialTypes[stored.type];
	const recorder: Recorder = { logs: [], tokenRequests: 0 };
	try {
		await preAuthenticate(stored, recorder, true);
		const data = withDefaults(stored);
		const request = type.test!.request;
		await httpRequest(
			authenticate(type, data, {
				method: request.method ?? 'GET',
				baseURL: resolveExpression(request.baseURL, data) as string,
				url: request.url ?? '',
			} as IHttpRequestOptions),
		);
		return { status: 'OK', message: 'Connection tested successfully' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}

/** A parameter's value; a resource locator gives its value when asked to extract it. */
function parameterValue(parameters: IDataObject, name: string, extractValue?: boolean): unknown {
	const value = parameters[name];
	if (extractValue && value && typeof value === 'object' && '__rl' in (value as IDataObject)) {
		return (value as IDataObject).value;
	}
	return value;
}

/**
 * n8n's simplest expression, `={{ $json.field }}`, read from the item (no other expressions), in a
 * value or in a resource locator's value.
 */
function fromItem(value: unknown, item?: INodeExecutionData): unknown {
	if (value && typeof value === 'object' && (value as IDataObject).__rl === true) {
		return { ...(value as IDataObject), value: fromItem((value as IDataObject).value, item) };
	}
	const match = typeof value === 'string' ? /^=\{\{\s*\$json\.([\w.]+)\s*\}\}$/.exec(value) : null;
	if (!match) return value;
	return match[1]
		.split('.')
		.reduce<unknown>((v, key) => (v as IDataObject | undefined)?.[key], item?.json);
}

function makeNode(parameters: INodeParameters, credentialType: string, asTool = false): INode {
	return {
		id: 'node-1',
		name: 'Qlik Cloud',
		type: `n8n-nodes-qlik-cloud.qlikCloud${asTool ? 'Tool' : ''}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [credentialType]: { id: '1', name: 'Qlik' } },
	};
}

export interface RunOptions {
	parameters: Record<string, unknown>;
	credential: StoredCredential;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	nodeType?: INodeType;
	/** Run as n8n's derived *Qlik Cloud Tool* (type and description name end in `Tool`). */
	asTool?: boolean;
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: Error & {
		description?: string;
		httpCode?: string;
		context?: IDataObject;
		failure?: unknown;
	};
	recorder: Recorder;
}

const STORE_PREFIX = 'test-fs:';

function storedPath(id: string): string {
	if (!id.startsWith(STORE_PREFIX)) throw new Error(`unknown binary id ${id}`);
	return id.slice(STORE_PREFIX.length);
}

async function collect(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/**
 * A binary kept in the test's binary store (a file on disk), as n8n's filesystem mode keeps
 * binaries: it has an `id` and no data; the node streams it with `getBinaryStream`.
 */
export function storedBinary(path: string, fileName: string, mimeType = 'text/csv') {
	return { id: `${STORE_PREFIX}${path}`, data: 'filesystem-v2', fileName, mimeType };
}

/** Runs the node's `execute` once with these parameters and input items. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const nodeType = options.nodeType ?? new QlikCloud();
	// n8n's tool variant: the same node under a name ending in `Tool` (what `@tool` reads).
	const description = options.asTool
		? { ...nodeType.description, name: `${nodeType.description.name}Tool` }
		: nodeType.description;
	const parameters = {
		authentication: options.credential.type,
		...options.parameters,
	} as INodeParameters;
	const resolved =
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			{ typeVersion: 1 },
			description,
		) ?? {};
	const node = makeNode(resolved, options.credential.type, options.asTool);
	const recorder: Recorder = { logs: [], tokenRequests: 0 };
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const credentials = { [options.credential.type]: options.credential };
	const log = (level: string) => (message: string, meta?: unknown) =>
		recorder.logs.push(`${level} ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`);

	const context = {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => undefined,
		getInstanceBaseUrl: () => 'http://localhost:5678/',
		getCredentials: async (type: string) => withDefaults(credentials[type]),
		getNodeParameter: (
			name: string,
			item: number,
			fallback?: unknown,
			opts?: { extractValue?: boolean },
		) =>
			fromItem(parameterValue(resolved as IDataObject, name, opts?.extractValue), items[item]) ??
			fallback,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			httpRequest,
			httpRequestWithAuthentication: makeAuthenticatedRequest(node, credentials, recorder),
			assertBinaryData: (i: number, property: string) => {
				const binary = items[i]?.binary?.[property];
				if (!binary) throw new Error(`item ${i} has no binary field "${property}"`);
				return binary;
			},
			getBinaryDataBuffer: async (i: number, property: string) => {
				const binary = items[i].binary![property];
				if (!binary.id) return Buffer.from(binary.data, 'base64');
				recorder.logs.push(`debug getBinaryDataBuffer read ${binary.id} whole`);
				return await readFile(storedPath(binary.id));
			},
			// n8n's filesystem binary mode: binaries with an `id` live on disk and stream from it.
			getBinaryStream: async (id: string, chunkSize?: number) =>
				createReadStream(storedPath(id), { highWaterMark: chunkSize }),
			getBinaryMetadata: async (id: string) => ({ fileSize: (await stat(storedPath(id))).size }),
			prepareBinaryData: async (input: Buffer | Readable, fileName?: string, mimeType?: string) => {
				const data = Buffer.isBuffer(input) ? input : await collect(input);
				return {
					data: data.toString('base64'),
					fileName,
					mimeType,
					fileSize: String(data.length),
					bytes: data.length,
				};
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: unknown }) =>
				data.map((item) => ({ ...item, pairedItem: meta.itemData })),
		},
	} as unknown as IExecuteFunctions;

	let result: RunResult;
	try {
		const output = await nodeType.execute!.call(context);
		result = { items: (output as INodeExecutionData[][])[0], recorder };
	} catch (error) {
		result = { items: [], error: error as RunResult['error'], recorder };
	}
	captureRun(options.credential, result);
	return result;
}

/** The credential's password fields go on the secret scan's list (test/secrets). */
function recordCredential(credential: StoredCredential): void {
	const passwords = (credentialTypes[credential.type]?.properties ?? [])
		.filter((p) => p.typeOptions?.password)
		.map((p) => p.name);
	credentialSecrets(credential.data as Record<string, unknown>, passwords);
}

/** For the secret scan (test/secrets): what the run output, threw and logged, and its secrets. */
function captureRun(credential: StoredCredential, result: RunResult): void {
	if (!captureDir()) return;
	recordCredential(credential);
	capture('output', result.items);
	if (result.error) capture('error', serializeError(result.error));
	if (result.recorder.logs.length) capture('log', result.recorder.logs);
}

/** An `ILoadOptionsFunctions` for list searches, with the node's current parameters. */
export function loadOptionsContext(
	parameters: Record<string, unknown>,
	credential: StoredCredential,
): ILoadOptionsFunctions {
	const node = makeNode(
		{ authentication: credential.type, ...parameters } as INodeParameters,
		credential.type,
	);
	const recorder: Recorder = { logs: [], tokenRequests: 0 };
	const credentials = { [credential.type]: credential };
	return {
		getNode: () => node,
		getCredentials: async (type: string) => withDefaults(credentials[type]),
		getCurrentNodeParameter: (name: string, opts?: { extractValue?: boolean }) =>
			parameterValue(node.parameters as IDataObject, name, opts?.extractValue),
		getNodeParameter: (name: string, fallback?: unknown) =>
			(node.parameters as IDataObject)[name] ?? fallback,
		helpers: {
			httpRequest,
			httpRequestWithAuthentication: makeAuthenticatedRequest(node, credentials, recorder),
		},
	} as unknown as ILoadOptionsFunctions;
}

export const rl = (value: string, mode: 'id' | 'list' | 'name' = 'id') => ({
	__rl: true,
	mode,
	value,
});

export interface TriggerHarness {
	staticData: IDataObject;
	hooks: IHookFunctions;
	logs: string[];
	/** Sends a delivery to the trigger's `webhook()` as n8n would. */
	deliver(
		body: unknown,
		headers?: Record<string, string>,
	): Promise<{ response?: IWebhookResponseData; status?: number }>;
}

/** `IHookFunctions` and `IWebhookFunctions` for a trigger node, sharing its static data. */
export function triggerHarness(
	nodeType: INodeType,
	parameters: IDataObject,
	credential: StoredCredential,
	webhookUrl: string,
): TriggerHarness {
	const node = makeNode(
		{ authentication: credential.type, ...parameters } as INodeParameters,
		credential.type,
	);
	const recorder: Recorder = { logs: [], tokenRequests: 0 };
	const credentials = { [credential.type]: credential };
	if (captureDir()) recordCredential(credential);
	const staticData: IDataObject = {};
	const log = (level: string) => (message: string) => {
		recorder.logs.push(`${level} ${message}`);
		capture('log', `${level} ${message}`);
	};
	const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
	const hooks = {
		getNode: () => node,
		getWorkflow: () => ({ id: 'wf1', name: 'Trigger test', active: true }),
		getCredentials: async (type: string) => withDefaults(credentials[type]),
		getNodeParameter: (name: string, fallback?: unknown) =>
			(node.parameters as IDataObject)[name] ?? fallback,
		getNodeWebhookUrl: () => webhookUrl,
		getWorkflowStaticData: () => staticData,
		logger,
		helpers: {
			httpRequest,
			httpRequestWithAuthentication: makeAuthenticatedRequest(node, credentials, recorder),
		},
	} as unknown as IHookFunctions;
	return {
		staticData,
		hooks,
		logs: recorder.logs,
		async deliver(body, headers = {}) {
			const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
			let status: number | undefined;
			const responseObject = {
				status(code: number) {
					status = code;
					return responseObject;
				},
				send() {
					return responseObject;
				},
				end() {
					return responseObject;
				},
			};
			const lower = Object.fromEntries(
				Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
			);
			const context = {
				getNode: () => node,
				getNodeParameter: hooks.getNodeParameter,
				getWorkflowStaticData: () => staticData,
				getRequestObject: () => ({ rawBody: raw, headers: lower }),
				getHeaderData: () => lower,
				getBodyData: () => JSON.parse(raw.toString('utf8')) as IDataObject,
				getResponseObject: () => responseObject,
				logger,
				helpers: {
					returnJsonArray: (data: IDataObject | IDataObject[]) =>
						(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
				},
			} as unknown as IWebhookFunctions;
			const response = await nodeType.webhook!.call(context);
			capture('output', { status, response });
			return { response, status };
		},
	};
}

export interface PollHarness {
	/** The node's static data; save it (JSON) and hand it to a new harness to restart. */
	staticData: IDataObject;
	/** Runs `poll()` once, as n8n's scheduler or Fetch Test Event does. */
	poll(): Promise<INodeExecutionData[][] | null>;
}

/** An `IPollFunctions` for a polling trigger with its parameters (defaults filled in). */
export function pollHarness(
	nodeType: INodeType,
	parameters: IDataObject,
	credential: StoredCredential,
	options: { mode?: 'trigger' | 'manual'; staticData?: IDataObject } = {},
): PollHarness {
	const resolved =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			{ authentication: credential.type, ...parameters } as INodeParameters,
			true,
			false,
			{ typeVersion: 1 },
			nodeType.description,
		) ?? {};
	const node = makeNode(resolved, credential.type);
	const recorder: Recorder = { logs: [], tokenRequests: 0 };
	const credentials = { [credential.type]: credential };
	if (captureDir()) recordCredential(credential);
	const staticData: IDataObject = JSON.parse(JSON.stringify(options.staticData ?? {}));
	const context = {
		getNode: () => node,
		getMode: () => options.mode ?? 'trigger',
		getCredentials: async (type: string) => withDefaults(credentials[type]),
		getNodeParameter: (name: string, fallback?: unknown) =>
			(resolved as IDataObject)[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			httpRequest,
			httpRequestWithAuthentication: makeAuthenticatedRequest(node, credentials, recorder),
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	} as unknown as IPollFunctions;
	return {
		staticData,
		async poll() {
			const output = await nodeType.poll!.call(context);
			if (captureDir()) capture('output', output);
			return output;
		},
	};
}
