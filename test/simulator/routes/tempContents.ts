/**
 * Temporary contents: the simple upload (POST with the file as the body, 201 + Location), tus
 * 1.0.0 resumable uploads (POST creates, HEAD tells the offset, PATCH appends at the offset:
 * 409 on a mismatch, 410 once expired, 412 for another tus version, 413 above the quota, 415
 * without application/offset+octet-stream, 423 while another PATCH writes), downloads with
 * Range (streamed from disk), and details. Bodies go to disk as they stream; a PATCH cut off keeps
 * what arrived.
 */
import { stat } from 'node:fs/promises';

import type { SimCore } from '../core';
import { ApiError, invalid } from '../errors';
import { objectId } from '../store';
import type { Route, RouteContext, RouteResult } from '../types';
import {
	FileSink,
	disk,
	newPath,
	pipeBody,
	removeFile,
	uploadState,
	type TempContentRecord,
} from '../uploads';

const BASE = '/api/v1/temp-contents';
const TUS_VERSION = '1.0.0';
const DEFAULT_TTL = 3600;
const MAX_TTL = 259200;

function header(ctx: RouteContext, name: string): string | undefined {
	const value = ctx.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function requireTus(ctx: RouteContext) {
	const version = header(ctx, 'tus-resumable');
	if (version !== TUS_VERSION)
		throw new ApiError(
			412,
			'HTTP-412',
			'Precondition Failed',
			version === undefined
				? 'The Tus-Resumable header is required.'
				: `tus version ${version} is not supported.`,
			undefined,
			{ headers: { 'Tus-Version': TUS_VERSION } },
		);
}

/** A temp content by ID: 404 when unknown, 410 once expired. */
export function tempContent(core: SimCore, id: string): TempContentRecord {
	const record = uploadState(core).temp.get(id);
	if (!record)
		throw new ApiError(404, 'HTTP-404', 'Not Found', `No temporary content ${id} exists.`);
	if (Date.now() >= record.expiresAt) {
		throw new ApiError(410, 'HTTP-410', 'Gone', `The temporary content ${id} has expired.`);
	}
	return record;
}

/** Takes a complete temp content for an import: the file moves to the importer. */
export function takeTempContent(core: SimCore, id: string): TempContentRecord {
	const record = tempContent(core, id);
	if (record.offset < record.length)
		throw invalid(
			'HTTP-400',
			`The temporary content ${id} is incomplete (${record.offset} of ${record.length} bytes).`,
			{ pointer: '/Json/tempContentFileId' },
		);
	uploadState(core).temp.delete(id);
	return record;
}

function newRecord(ctx: RouteContext, name: string, length: number, tus: boolean, ttl: number) {
	const now = new Date().toISOString();
	const record: TempContentRecord = {
		id: objectId(),
		name,
		length,
		offset: 0,
		tus,
		path: newPath(ctx.core, 'temp'),
		createdAt: now,
		updatedAt: now,
		expiresAt: Date.now() + ttl * 1000,
		ttlSeconds: ttl,
		creatorId: ctx.principal?.userId ?? '',
		locked: false,
	};
	return record;
}

function ttlOf(ctx: RouteContext): number {
	const raw = ctx.query.ttl;
	if (raw === undefined) return DEFAULT_TTL;
	const text = Array.isArray(raw) ? raw[0] : raw;
	const ttl = Number(text);
	if (!/^\d+$/.test(text) || ttl < 1 || ttl > MAX_TTL)
		throw invalid('HTTP-400', `ttl must be an integer from 1 to ${MAX_TTL}.`, { parameter: 'ttl' });
	return ttl;
}

async function simpleUpload(ctx: RouteContext): Promise<RouteResult> {
	const ttl = ttlOf(ctx);
	const filename = typeof ctx.query.filename === 'string' ? ctx.query.filename : '';
	const record = newRecord(ctx, filename, 0, false, ttl);
	const sink = new FileSink(record.path);
	const { complete } = await pipeBody(ctx.req, sink);
	await sink.close();
	if (!complete) {
		await removeFile(record.path);
		throw invalid('HTTP-400', 'The upload was cut off.', { pointer: '' });
	}
	if (sink.size === 0) {
		await removeFile(record.path);
		throw invalid('HTTP-400', 'The body is empty: send the file as the request body.', {
			pointer: '',
		});
	}
	record.length = record.offset = sink.size;
	uploadState(ctx.core).temp.set(record.id, record);
	return { status: 201, headers: { Location: `${ctx.baseUrl}${BASE}/${record.id}` } };
}

function tusCreate(ctx: RouteContext): RouteResult {
	requireTus(ctx);
	const rawLength = header(ctx, 'upload-length');
	if (rawLength === undefined || !/^\d+$/.test(rawLength))
		throw invalid('HTTP-400', 'Upload-Length must be the size of the file in bytes.', {
			parameter: 'Upload-Length',
		});
	const length = Number(rawLength);
	const max = disk(ctx.core).quotas.maxLargeFileSize;
	if (length > max)
		throw new ApiError(
			413,
			'HTTP-413',
			'Request Entity Too Large',
			`The upload of ${length} bytes exceeds the maximum of ${max} bytes.`,
		);
	let name = '';
	for (const pair of (header(ctx, 'upload-metadata') ?? '').split(',')) {
		const [key, value] = pair.trim().split(/\s+/, 2);
		if (key === 'filename' && value) name = Buffer.from(value, 'base64').toString('utf8');
	}
	const record = newRecord(ctx, name, length, true, DEFAULT_TTL);
	uploadState(ctx.core).temp.set(record.id, record);
	return {
		status: 201,
		headers: {
			Location: `${ctx.baseUrl}${BASE}/files/${record.id}`,
			'Tus-Resumable': TUS_VERSION,
		},
	};
}

function tusHead(ctx: RouteContext): RouteResult {
	requireTus(ctx);
	const record = tempContent(ctx.core, ctx.params.id);
	return {
		status: 200,
		headers: {
			'Upload-Offset': String(record.offset),
			'Upload-Length': String(record.length),
			'Tus-Resumable': TUS_VERSION,
			'Cache-Control': 'no-store',
		},
	};
}

/** Drains a body that will not be stored (so the answer reaches the client). */
async function drain(ctx: RouteContext) {
	for await (const _ of ctx.req) void _;
}

async function tusPatch(ctx: RouteContext): Promise<RouteResult> {
	try {
		requireTus(ctx);
		if (ctx.contentType !== 'application/offset+octet-stream')
			throw new ApiError(
				415,
				'HTTP-415',
				'Unsupported Media Type',
				'A chunk must be sent as application/offset+octet-stream.',
			);
		const record = tempContent(ctx.core, ctx.params.id);
		if (record.locked)
			throw new ApiError(423, 'HTTP-423', 'Locked', 'Another request is writing to this upload.');
		const rawOffset = header(ctx, 'upload-offset');
		if (rawOffset === undefined || !/^\d+$/.test(rawOffset))
			throw invalid('HTTP-400', 'Upload-Offset must be a byte offset.', {
				parameter: 'Upload-Offset',
			});
		if (Number(rawOffset) !== record.offset)
			throw new ApiError(
				409,
				'HTTP-409',
				'Conflict',
				`Upload-Offset ${rawOffset} does not match the upload's offset ${record.offset}.`,
			);
		record.locked = true;
		try {
			const sink = new FileSink(record.path, record.length - record.offset, 'a');
			await pipeBody(ctx.req, sink);
			await sink.close();
			// What arrived is kept, even from a request that was cut off (tus resumes from it).
			record.offset += Math.min(sink.size, record.length - record.offset);
			record.updatedAt = new Date().toISOString();
			if (sink.overLimit)
				throw new ApiError(
					413,
					'HTTP-413',
					'Request Entity Too Large',
					`The chunk goes past the upload's length of ${record.length} bytes.`,
				);
		} finally {
			record.locked = false;
		}
		return {
			status: 204,
			headers: { 'Upload-Offset': String(record.offset), 'Tus-Resumable': TUS_VERSION },
		};
	} catch (error) {
		if (!ctx.req.readableEnded) await drain(ctx);
		throw error;
	}
}

async function download(ctx: RouteContext): Promise<RouteResult> {
	const record = tempContent(ctx.core, ctx.params.id);
	if (record.offset < record.length) return { status: 204 };
	const size = (await stat(record.path)).size;
	let start = 0;
	let end = size - 1;
	let partial = false;
	const range = header(ctx, 'range');
	if (range) {
		const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
		if (!m || (m[1] === '' && m[2] === ''))
			throw invalid('HTTP-400', 'Range must look like bytes=0-99.', { parameter: 'Range' });
		if (m[1] === '') start = Math.max(0, size - Number(m[2]));
		else {
			start = Number(m[1]);
			if (m[2] !== '') end = Math.min(end, Number(m[2]));
		}
		if (start > end || start >= size)
			throw new ApiError(416, 'HTTP-416', 'Range Not Satisfiable', `The file has ${size} bytes.`);
		partial = true;
	}
	const name = record.name || record.id;
	return {
		status: partial ? 206 : 200,
		file: { path: record.path, start, end },
		headers: {
			'Content-Disposition': `attachment; filename="${name.replace(/"/g, '')}"`,
			'Accept-Ranges': 'bytes',
			...(partial ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
		},
	};
}

function details(ctx: RouteContext): RouteResult {
	const record = tempContent(ctx.core, ctx.params.id);
	if (record.offset < record.length) return { status: 204 };
	return {
		status: 200,
		body: {
			ID: record.id,
			Name: record.name,
			Size: String(record.length),
			Expires: new Date(record.expiresAt).toISOString(),
			CreatedAt: record.createdAt,
			CreatorID: record.creatorId,
			UpdatedAt: record.updatedAt,
			TTLSeconds: record.ttlSeconds,
		},
	};
}

export const tempContentRoutes: Route[] = [
	{ method: 'POST', path: BASE, tier: '2', body: 'stream', handler: simpleUpload },
	{
		method: 'POST',
		path: `${BASE}/files`,
		tier: 'special',
		limit: 800,
		handler: tusCreate,
	},
	{ method: 'HEAD', path: `${BASE}/files/{id}`, tier: 'special', limit: 800, handler: tusHead },
	{
		method: 'PATCH',
		path: `${BASE}/files/{id}`,
		tier: 'special',
		limit: 800,
		body: 'stream',
		handler: tusPatch,
	},
	{ method: 'GET', path: `${BASE}/{id}`, tier: '1', handler: download },
	{ method: 'GET', path: `${BASE}/{id}/details`, tier: '1', handler: details },
];
