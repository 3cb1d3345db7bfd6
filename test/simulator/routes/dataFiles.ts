/**
 * Data files (spec data-files.json): uploads as multipart `File` + `Json` streamed to disk (or
 * imported from temp contents by `tempContentFileId`), quotas (413 above `maxFileSize` for a
 * direct upload), 409 on a name that exists in the same space, list with filters and cursor
 * pages, get / PUT / DELETE, change owner and space, the 207 batch actions, each space's
 * DataFiles connection, and the catalog entries an upload makes (catalog.ts).
 *
 * Records stay in the generic store under /api/v1/data-files/{id} (so other code may read them);
 * the bytes are files in the simulator's temp folder (uploads.ts).
 */
import { randomUUID } from 'node:crypto';

import type { SimCore } from '../core';
import { checkStreamedParts } from '../openapi';
import { ApiError, invalid } from '../errors';
import { catalogFile, qriOf, uncatalogFile } from '../catalog';
import { emitInBackground } from '../events';
import { paginate, queryValue, sortItems } from '../paging';
import type { GenericObject } from '../store';
import type { Route, RouteContext, RouteResult } from '../types';
import {
	closeUploads,
	disk,
	jsonPart,
	later,
	moveFile,
	newPath,
	readMultipartStream,
	removeFile,
	sha256Of,
	uploadState,
	type DataFileQuotas,
	type StreamedMultipart,
} from '../uploads';
import { spaceContentCounters } from './spaces';
import { takeTempContent } from './tempContents';

const FILES = '/api/v1/data-files';
const CONNECTIONS = `${FILES}/connections`;
/** Qlik's name pattern `^[^<>":\u0000|?*]+$`, as a check. */
const validName = (name: string) =>
	name !== '' && ![...name].some((c) => '<>":|?*\u0000'.includes(c));
const ACTIONS = ['read', 'update', 'delete', 'list', 'change_owner', 'change_space'];

function collection(core: SimCore, path: string): Map<string, GenericObject> {
	const { items } = core.state.generic;
	let map = items.get(path);
	if (!map) items.set(path, (map = new Map()));
	return map;
}

const files = (core: SimCore) => collection(core, FILES);
const spaceOf = (o: GenericObject) => (typeof o.spaceId === 'string' ? o.spaceId : undefined);
const notFound = (id: string) =>
	new ApiError(404, 'HTTP-404', 'Not Found', `A data file with the ID ${id} was not found.`);

// ---------------------------------------------------------------------------------------------
// connections: one per space, one personal per user

function connectStatement(path: string) {
	return `CUSTOM CONNECT TO "provider=qix-datafiles.exe;path=${path}:datafiles;"`;
}

function newConnection(spaceId: string | undefined, ownerId: string, label: string): GenericObject {
	const statement = connectStatement(label);
	return {
		id: randomUUID(),
		name: 'DataFiles',
		type: 'qix-datafiles.exe',
		qName: 'DataFiles',
		qType: 'qix-datafiles.exe',
		connectStatement: statement,
		qConnectStatement: statement,
		...(spaceId ? { spaceId } : { personal: true, ownerId }),
	};
}

/** Every space has its DataFiles connection, and the caller a personal one. */
function ensureConnections(core: SimCore, userId: string | undefined): Map<string, GenericObject> {
	const map = collection(core, CONNECTIONS);
	const bySpace = new Set([...map.values()].map(spaceOf).filter(Boolean));
	for (const space of core.state.spaces.values())
		if (!bySpace.has(space.id)) {
			const c = newConnection(space.id, space.ownerId, space.name);
			map.set(String(c.id), c);
		}
	if (userId && ![...map.values()].some((c) => c.personal === true && c.ownerId === userId)) {
		const c = newConnection(undefined, userId, 'Personal');
		map.set(String(c.id), c);
	}
	for (const [id, c] of map) {
		const spaceId = spaceOf(c);
		if (spaceId && !core.state.spaces.has(spaceId)) map.delete(id); // its space was deleted
	}
	return map;
}

/**
 * The DataFiles connections the user sees (each space's and their personal one), as the
 * data-connections API lists them: `GET /api/v1/data-connections` includes them unless
 * `noDatafiles=true`.
 */
export function dataFilesConnections(core: SimCore, userId: string): GenericObject[] {
	return [...ensureConnections(core, userId).values()]
		.filter((c) => c.personal !== true || c.ownerId === userId)
		.map((c) => ({
			id: c.id,
			qID: c.id,
			qName: c.qName,
			qType: c.qType,
			qConnectStatement: c.qConnectStatement,
			...(spaceOf(c) ? { space: spaceOf(c) } : { user: c.ownerId }),
		}));
}

function connectionById(ctx: RouteContext, id: string, pointer: string): GenericObject {
	const connection = ensureConnections(ctx.core, ctx.principal?.userId).get(id);
	if (!connection)
		throw invalid('HTTP-400', `No data files connection with the ID ${id} exists.`, { pointer });
	return connection;
}

function personalConnection(ctx: RouteContext, userId: string): GenericObject {
	return [...ensureConnections(ctx.core, userId).values()].find(
		(c) => c.personal === true && c.ownerId === userId,
	)!;
}

/** The space (undefined = personal) and connection a `connectionId` stands for. */
function scopeOf(ctx: RouteContext, connectionId: unknown, ownerId: string, pointer: string) {
	if (connectionId === undefined || connectionId === null || connectionId === '') {
		const c = personalConnection(ctx, ownerId);
		return { spaceId: undefined, connectionId: String(c.id) };
	}
	if (typeof connectionId !== 'string')
		throw invalid('HTTP-400', 'connectionId must be a string.', { pointer });
	const c = connectionById(ctx, connectionId, pointer);
	const spaceId = spaceOf(c);
	if (!spaceId && c.ownerId !== ownerId)
		throw new ApiError(403, 'HTTP-403', 'Forbidden', "That is another user's personal space.");
	return { spaceId, connectionId: connectionId };
}

// ---------------------------------------------------------------------------------------------
// records

/** A name clash: same name in the same space (or the same owner's personal space). */
function clash(
	core: SimCore,
	name: string,
	spaceId: string | undefined,
	ownerId: string,
	except?: string,
): GenericObject | undefined {
	for (const f of files(core).values()) {
		if (f.id === except || f.name !== name) continue;
		if (spaceId ? spaceOf(f) === spaceId : !spaceOf(f) && f.ownerId === ownerId) return f;
	}
	return undefined;
}

function conflict(name: string): ApiError {
	return new ApiError(
		409,
		'HTTP-409',
		'Conflict',
		`A file or folder named "${name}" already exists in this space.`,
	);
}

function checkName(value: unknown, required: boolean, pointer = '/Json/name'): string | undefined {
	if (value === undefined || value === null) {
		if (required) throw invalid('HTTP-400', 'name is required.', { pointer });
		return undefined;
	}
	if (typeof value !== 'string' || !validName(value) || value.trim() === '')
		throw invalid(
			'HTTP-400',
			'name must not be empty nor contain < > " : | ? * or control characters.',
			{ pointer },
		);
	return value;
}

function nameParts(name: string) {
	const at = name.lastIndexOf('/');
	return at < 0
		? { baseName: name, folderPath: undefined }
		: { baseName: name.slice(at + 1), folderPath: name.slice(0, at) };
}

/** The API's view of a record. */
function view(core: SimCore, f: GenericObject): GenericObject {
	const spaceId = spaceOf(f);
	const { baseName, folderPath } = nameParts(String(f.name));
	return {
		id: f.id,
		name: f.name,
		baseName,
		...(folderPath ? { folderPath } : {}),
		size: f.size,
		folder: false,
		folderStats: null,
		ownerId: f.ownerId,
		...(spaceId ? { spaceId } : {}),
		...(f.appId ? { appId: f.appId } : {}),
		qri: qriOf(core, spaceId, String(f.ownerId), String(f.name)),
		actions: ACTIONS,
		createdDate: f.createdDate,
		modifiedDate: f.modifiedDate,
		contentUpdatedDate: f.contentUpdatedDate,
	};
}

function ownerTotal(core: SimCore, ownerId: string, except?: string): number {
	let total = 0;
	for (const f of files(core).values())
		if (f.ownerId === ownerId && f.id !== except) total += Number(f.size) || 0;
	return total;
}

function tooLarge(detail: string): ApiError {
	return new ApiError(413, 'HTTP-413', 'Payload Too Large', detail);
}

/** The new bytes of an upload: the File part on disk, or a temp content taken over. */
async function newBytes(
	ctx: RouteContext,
	multipart: StreamedMultipart,
	json: GenericObject,
	quotas: DataFileQuotas,
): Promise<{ path: string; size: number; sha256?: string } | undefined> {
	const file = multipart.file;
	const tempId = json.tempContentFileId;
	if (file && tempId !== undefined)
		throw invalid('HTTP-400', 'Send either a File part or tempContentFileId, not both.', {
			pointer: '/Json/tempContentFileId',
		});
	if (file) {
		if (file.overLimit)
			throw tooLarge(
				`The file exceeds the maximum size for a direct upload (${quotas.maxFileSize} bytes). Upload it to temp contents first and pass tempContentFileId.`,
			);
		return { path: file.path, size: file.size, sha256: file.sha256 };
	}
	if (tempId === undefined) return undefined;
	if (typeof tempId !== 'string' || tempId === '')
		throw invalid('HTTP-400', 'tempContentFileId must be an ID.', {
			pointer: '/Json/tempContentFileId',
		});
	const temp = takeTempContent(ctx.core, tempId);
	if (temp.length > quotas.maxLargeFileSize) {
		await removeFile(temp.path);
		throw tooLarge(`The file exceeds the maximum of ${quotas.maxLargeFileSize} bytes.`);
	}
	return { path: temp.path, size: temp.length };
}

function scheduleCatalog(core: SimCore, record: GenericObject) {
	later(core, disk(core).catalogDelayMs, () => catalogFile(core, record));
}

async function storeBytes(
	core: SimCore,
	id: string,
	bytes: { path: string; size: number; sha256?: string },
) {
	const uploads = uploadState(core);
	const target = newPath(core, `file-${id}`);
	await moveFile(bytes.path, target);
	const old = uploads.bytes.get(id);
	uploads.bytes.set(id, {
		path: target,
		size: bytes.size,
		sha256: bytes.sha256 ?? (await sha256Of(target)),
	});
	if (old) await removeFile(old.path);
}

async function deleteFile(core: SimCore, id: string) {
	const uploads = uploadState(core);
	files(core).delete(id);
	uncatalogFile(core, id);
	const bytes = uploads.bytes.get(id);
	uploads.bytes.delete(id);
	await removeFile(bytes?.path);
}

// ---------------------------------------------------------------------------------------------
// handlers

async function withUpload<T>(
	ctx: RouteContext,
	/** The route's method and path pattern: the spec operation its parts are checked against. */
	route: { method: 'POST' | 'PUT'; path: string },
	run: (multipart: StreamedMultipart, quotas: DataFileQuotas) => Promise<T>,
): Promise<T> {
	const quotas = disk(ctx.core).quotas;
	const incoming = newPath(ctx.core, 'incoming');
	const multipart = await readMultipartStream(ctx.req, incoming, quotas.maxFileSize);
	try {
		await checkStreamedParts(ctx, route, multipart.parts);
		return await run(multipart, quotas);
	} finally {
		await removeFile(incoming); // moved away when it was kept
	}
}

async function create(ctx: RouteContext): Promise<RouteResult> {
	const user = ctx.core.user(ctx.principal);
	return withUpload(ctx, { method: 'POST', path: FILES }, async (multipart, quotas) => {
		const json = jsonPart(multipart, true);
		const name = checkName(json.name, true)!;
		const scope = scopeOf(ctx, json.connectionId, user.id, '/Json/connectionId');
		if (json.appId !== undefined && typeof json.appId !== 'string')
			throw invalid('HTTP-400', 'appId must be a string.', { pointer: '/Json/appId' });
		if (clash(ctx.core, name, scope.spaceId, user.id)) throw conflict(name);
		const bytes = await newBytes(ctx, multipart, json, quotas);
		if (!bytes)
			throw invalid('HTTP-400', 'Send the file as the File part, or give tempContentFileId.', {
				pointer: '/File',
			});
		if (ownerTotal(ctx.core, user.id) + bytes.size > quotas.maxSize) {
			await removeFile(bytes.path);
			throw tooLarge(`The upload would exceed your quota of ${quotas.maxSize} bytes.`);
		}
		const id = randomUUID();
		const now = new Date().toISOString();
		await storeBytes(ctx.core, id, bytes);
		const record: GenericObject = {
			id,
			name,
			size: bytes.size,
			ownerId: user.id,
			...(scope.spaceId ? { spaceId: scope.spaceId } : {}),
			connectionId: scope.connectionId,
			...(json.appId ? { appId: json.appId } : {}),
			createdDate: now,
			modifiedDate: now,
			contentUpdatedDate: now,
		};
		files(ctx.core).set(id, record);
		emitInBackground(ctx.core, {
			type: 'com.qlik.v1.data-file.created',
			resourceId: id,
			spaceId: scope.spaceId,
			ownerId: user.id,
			userId: user.id,
			data: { id, name, size: bytes.size },
		});
		scheduleCatalog(ctx.core, record);
		return { status: 201, body: view(ctx.core, record) };
	});
}

function existing(ctx: RouteContext): GenericObject {
	const record = files(ctx.core).get(ctx.params.id);
	if (!record) throw notFound(ctx.params.id);
	return record;
}

async function replace(ctx: RouteContext): Promise<RouteResult> {
	const user = ctx.core.user(ctx.principal);
	return withUpload(ctx, { method: 'PUT', path: `${FILES}/{id}` }, async (multipart, quotas) => {
		const record = existing(ctx);
		const json = jsonPart(multipart, false);
		const name = checkName(json.name, false) ?? String(record.name);
		let spaceId = spaceOf(record);
		let connectionId = record.connectionId;
		if (json.connectionId !== undefined) {
			const scope = scopeOf(ctx, json.connectionId, String(record.ownerId), '/Json/connectionId');
			spaceId = scope.spaceId;
			connectionId = scope.connectionId;
		}
		if (clash(ctx.core, name, spaceId, String(record.ownerId), String(record.id)))
			throw conflict(name);
		const bytes = await newBytes(ctx, multipart, json, quotas);
		if (bytes && ownerTotal(ctx.core, user.id, String(record.id)) + bytes.size > quotas.maxSize) {
			await removeFile(bytes.path);
			throw tooLarge(`The upload would exceed your quota of ${quotas.maxSize} bytes.`);
		}
		const now = new Date().toISOString();
		const moved = name !== record.name || spaceId !== spaceOf(record);
		if (bytes) {
			await storeBytes(ctx.core, String(record.id), bytes);
			record.size = bytes.size;
			record.ownerId = user.id; // the owner is who last uploaded the content
			record.contentUpdatedDate = now;
		}
		record.name = name;
		if (spaceId) record.spaceId = spaceId;
		else delete record.spaceId;
		record.connectionId = connectionId;
		if (typeof json.appId === 'string') record.appId = json.appId;
		record.modifiedDate = now;
		if (moved && json.connectionId !== undefined) uncatalogFile(ctx.core, String(record.id));
		if (bytes || moved) scheduleCatalog(ctx.core, record);
		return { status: 201, body: view(ctx.core, record) };
	});
}

function list(ctx: RouteContext): RouteResult {
	const user = ctx.core.user(ctx.principal);
	let items = [...files(ctx.core).values()];
	const connectionId = queryValue(ctx, 'connectionId');
	if (connectionId) {
		const c = connectionById(ctx, connectionId, '');
		const spaceId = spaceOf(c);
		items = items.filter((f) =>
			spaceId ? spaceOf(f) === spaceId : !spaceOf(f) && f.ownerId === c.ownerId,
		);
	} else if (queryValue(ctx, 'includeAllSpaces') !== 'true') {
		items = items.filter((f) => !spaceOf(f) && f.ownerId === user.id);
	}
	const name = queryValue(ctx, 'name');
	if (name) items = items.filter((f) => f.name === name);
	const wildcard = queryValue(ctx, 'baseNameWildcard');
	if (wildcard) {
		const re = new RegExp(
			`^${wildcard
				.replace(/[.+^${}()|[\]\\]/g, '\\$&')
				.replace(/\*/g, '.*')
				.replace(/\?/g, '.')}$`,
			'i',
		);
		items = items.filter((f) => re.test(nameParts(String(f.name)).baseName));
	}
	const folderPath = queryValue(ctx, 'folderPath');
	if (folderPath !== undefined) {
		const prefix = folderPath.replace(/\/+$/, '');
		const direct = queryValue(ctx, 'excludeSubFolders') === 'true';
		items = items.filter((f) => {
			const { folderPath: own } = nameParts(String(f.name));
			return direct ? (own ?? '') === prefix : !prefix || (own ?? '').startsWith(prefix);
		});
	}
	if (queryValue(ctx, 'excludeFiles') === 'true') items = [];
	for (const key of ['appId', 'ownerId'] as const) {
		const value = queryValue(ctx, key);
		if (value) items = items.filter((f) => f[key] === value);
	}
	const notOwner = queryValue(ctx, 'notOwnerId');
	if (notOwner) items = items.filter((f) => f.ownerId !== notOwner);
	items = sortItems(
		ctx,
		items,
		{
			name: (f) => String(f.name),
			size: (f) => Number(f.size),
			modifiedDate: (f) => String(f.modifiedDate),
		},
		undefined,
	);
	const page = paginate({
		ctx,
		items: items.map((f) => view(ctx.core, f)),
		defaultLimit: 20,
		maxLimit: 1000,
		cursors: { next: 'page' },
	});
	return { status: 200, body: { data: page.data, links: page.links } };
}

function get(ctx: RouteContext): RouteResult {
	return { status: 200, body: view(ctx.core, existing(ctx)) };
}

async function remove(ctx: RouteContext): Promise<RouteResult> {
	existing(ctx);
	await deleteFile(ctx.core, ctx.params.id);
	return { status: 204 };
}

function changeOwner(ctx: RouteContext): RouteResult {
	const record = existing(ctx);
	const body = (ctx.body ?? {}) as GenericObject;
	const ownerId = body.ownerId;
	if (typeof ownerId !== 'string' || !ctx.core.state.users.has(ownerId))
		throw invalid('HTTP-400', 'An owner with the specified ID does not exist.', {
			pointer: '/ownerId',
		});
	if (!spaceOf(record) && clash(ctx.core, String(record.name), undefined, ownerId))
		throw conflict(String(record.name));
	record.ownerId = ownerId;
	record.modifiedDate = new Date().toISOString();
	return { status: 204 };
}

/** Moves a file to a space (or its owner's personal space); the error as a status, or 204. */
function move(ctx: RouteContext, record: GenericObject, spaceId: unknown): ApiError | undefined {
	if (spaceId !== null && spaceId !== undefined && typeof spaceId !== 'string')
		return invalid('HTTP-400', 'spaceId must be a string or null.', { pointer: '/spaceId' });
	const target = typeof spaceId === 'string' && spaceId !== '' ? spaceId : undefined;
	if (target && !ctx.core.state.spaces.has(target))
		return invalid('HTTP-400', `A space with the ID ${target} does not exist.`, {
			pointer: '/spaceId',
		});
	if (clash(ctx.core, String(record.name), target, String(record.ownerId), String(record.id)))
		return conflict(String(record.name));
	const connections = ensureConnections(ctx.core, String(record.ownerId));
	const connection = [...connections.values()].find((c) =>
		target ? spaceOf(c) === target : c.personal === true && c.ownerId === record.ownerId,
	);
	if (target) record.spaceId = target;
	else delete record.spaceId;
	record.connectionId = connection?.id;
	record.modifiedDate = new Date().toISOString();
	uncatalogFile(ctx.core, String(record.id));
	scheduleCatalog(ctx.core, record);
	return undefined;
}

function changeSpace(ctx: RouteContext): RouteResult {
	const record = existing(ctx);
	const body = (ctx.body ?? {}) as GenericObject;
	const error = move(ctx, record, body.spaceId);
	if (error) throw error;
	return { status: 204 };
}

function itemResult(id: unknown, error?: ApiError) {
	if (!error) return { id, code: 'HTTP-204', status: 204 };
	const first = error.items[0];
	return {
		id,
		code: first?.code ?? `HTTP-${error.status}`,
		status: error.status,
		title: first?.title,
		...(first?.detail ? { detail: first.detail } : {}),
	};
}

function batchList(ctx: RouteContext, key: string, required: boolean): GenericObject[] {
	const body = ctx.body;
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw invalid('HTTP-400', 'The body must be a JSON object.', { pointer: '' });
	const value = (body as GenericObject)[key];
	if (value === undefined && !required) return [];
	if (!Array.isArray(value) || value.some((v) => !v || typeof v !== 'object' || !('id' in v)))
		throw invalid('HTTP-400', `${key} must be a list of objects with an id.`, {
			pointer: `/${key}`,
		});
	return value as GenericObject[];
}

async function batchDelete(ctx: RouteContext): Promise<RouteResult> {
	const user = ctx.core.user(ctx.principal);
	const data = [];
	for (const { id } of batchList(ctx, 'delete', true)) {
		if (!files(ctx.core).has(String(id))) {
			data.push(itemResult(id, notFound(String(id))));
			continue;
		}
		await deleteFile(ctx.core, String(id));
		data.push(itemResult(id));
	}
	for (const { id: spaceId } of batchList(ctx, 'deleteAllBySpace', false)) {
		for (const f of [...files(ctx.core).values()].filter((f) => spaceOf(f) === spaceId)) {
			await deleteFile(ctx.core, String(f.id));
			data.push(itemResult(f.id));
		}
	}
	if ((ctx.body as GenericObject).deleteAllFromPersonalSpace === true) {
		for (const f of [...files(ctx.core).values()].filter(
			(f) => !spaceOf(f) && f.ownerId === user.id,
		)) {
			await deleteFile(ctx.core, String(f.id));
			data.push(itemResult(f.id));
		}
	}
	return { status: 207, body: { data } };
}

function batchChangeSpace(ctx: RouteContext): RouteResult {
	const data = batchList(ctx, 'change-space', true).map(({ id, spaceId }) => {
		const record = files(ctx.core).get(String(id));
		if (!record) return itemResult(id, notFound(String(id)));
		return itemResult(id, move(ctx, record, spaceId));
	});
	return { status: 207, body: { data } };
}

function connectionView(c: GenericObject): GenericObject {
	const rest = { ...c };
	delete rest.ownerId;
	delete rest.personal;
	return rest;
}

function connections(ctx: RouteContext): RouteResult {
	const user = ctx.core.user(ctx.principal);
	let items = [...ensureConnections(ctx.core, user.id).values()].filter(
		(c) => c.personal !== true || c.ownerId === user.id,
	);
	const spaceId = queryValue(ctx, 'spaceId');
	if (spaceId) items = items.filter((c) => spaceOf(c) === spaceId);
	if (queryValue(ctx, 'personal') === 'true') items = items.filter((c) => c.personal === true);
	const name = queryValue(ctx, 'name');
	if (name) items = items.filter((c) => c.name === name);
	items = sortItems(
		ctx,
		items,
		{ name: (c) => String(c.name), spaceId: (c) => spaceOf(c) },
		undefined,
	);
	const page = paginate({
		ctx,
		items: items.map(connectionView),
		defaultLimit: 20,
		maxLimit: 1000,
		cursors: { next: 'page' },
	});
	return { status: 200, body: { data: page.data, links: page.links } };
}

function connection(ctx: RouteContext): RouteResult {
	const user = ctx.core.user(ctx.principal);
	const c = ensureConnections(ctx.core, user.id).get(ctx.params.id);
	if (!c || (c.personal === true && c.ownerId !== user.id))
		throw new ApiError(404, 'HTTP-404', 'Not Found', `No connection with the ID ${ctx.params.id}.`);
	return { status: 200, body: connectionView(c) };
}

function quotas(ctx: RouteContext): RouteResult {
	const user = ctx.core.user(ctx.principal);
	const q = disk(ctx.core).quotas;
	return {
		status: 200,
		body: {
			size: ownerTotal(ctx.core, user.id),
			maxSize: q.maxSize,
			maxFileSize: q.maxFileSize,
			maxLargeFileSize: q.maxLargeFileSize,
			allowedExtensions: ['csv', 'xlsx', 'xls', 'txt', 'qvd', 'json', 'parquet', 'xml', 'tsv'],
			allowedInternalExtensions: ['dxf', 'gml', 'qrep'],
		},
	};
}

// A space with data files cannot be deleted (412), like any space with content.
spaceContentCounters.push(
	(ctx, spaceId) => [...files(ctx.core).values()].filter((f) => spaceOf(f) === spaceId).length,
);

/** The test handle: settings, and the bytes a file has on the simulator's disk. */
export function dataFilesHandle(core: SimCore) {
	return {
		get dir() {
			return disk(core).dir;
		},
		setQuotas: (quotas: Partial<DataFileQuotas>) => {
			Object.assign(disk(core).quotas, quotas);
		},
		setCatalogDelay: (ms: number) => {
			disk(core).catalogDelayMs = ms;
		},
		stored: (id: string) => {
			const bytes = uploadState(core).bytes.get(id);
			return bytes ? { ...bytes } : undefined;
		},
		tempContents: () => [...uploadState(core).temp.values()].map((t) => ({ ...t })),
		close: () => closeUploads(core),
	};
}

export const dataFileRoutes: Route[] = [
	{ method: 'GET', path: FILES, tier: '1', handler: list },
	{ method: 'POST', path: FILES, tier: '2', body: 'stream', handler: create },
	{ method: 'GET', path: `${FILES}/quotas`, tier: '1', handler: quotas },
	{ method: 'GET', path: CONNECTIONS, tier: '1', handler: connections },
	{ method: 'GET', path: `${CONNECTIONS}/{id}`, tier: '1', handler: connection },
	{ method: 'POST', path: `${FILES}/actions/delete`, tier: '2', handler: batchDelete },
	{ method: 'POST', path: `${FILES}/actions/change-space`, tier: '2', handler: batchChangeSpace },
	{ method: 'GET', path: `${FILES}/{id}`, tier: '1', handler: get },
	{
		method: 'PUT',
		path: `${FILES}/{id}`,
		tier: 'special',
		limit: 800,
		body: 'stream',
		handler: replace,
	},
	{ method: 'DELETE', path: `${FILES}/{id}`, tier: '2', handler: remove },
	{ method: 'POST', path: `${FILES}/{id}/actions/change-owner`, tier: '2', handler: changeOwner },
	{ method: 'POST', path: `${FILES}/{id}/actions/change-space`, tier: '2', handler: changeSpace },
];
