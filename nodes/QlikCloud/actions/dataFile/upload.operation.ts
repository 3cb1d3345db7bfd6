/**
 * Data File → Upload: an n8n binary becomes a Qlik data file in a space, the personal space or a
 * DataFiles connection. Files up to the tenant's direct-upload limit go as one streamed
 * multipart POST; bigger ones go to temp-contents with tus, then are imported by ID.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readUploadFile } from '../../shared/binary';
import { resourceLocator } from '../../shared/descriptions';
import { rowFacts } from '../../shared/rows';
import type { OperationSpec } from '../../shared/types';
import type { TransportSettings } from '../../transport';
import type { UploadFile } from '../../transport/file';
import { multipartBody } from '../../transport/multipart';
import { MAX_CHUNK_MIB, tusUpload } from '../../transport/tus';
import { api, rowOf } from '../api';

export const DEFAULT_CHUNK_MIB = 16;
/** Characters Qlik refuses in a data file name (its pattern `^[^<>":\u0000|?*]+$`). */
const NAME_FORBIDDEN = '<>":|?*\u0000';

export const binaryProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	description: 'The name of the input binary field that holds the file',
};

export const chunkSizeOption: INodeProperties = {
	displayName: 'Chunk Size (MiB)',
	name: 'chunkSizeMiB',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CHUNK_MIB },
	default: DEFAULT_CHUNK_MIB,
	description:
		"Files above the tenant's direct-upload limit are sent in chunks of this size (memory use is about one chunk)",
};

const properties: INodeProperties[] = [
	binaryProperty,
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. sales.csv',
		description:
			'Name of the data file in Qlik Cloud. Leave empty to use the name of the input file.',
	},
	{
		displayName: 'Upload To',
		name: 'destination',
		type: 'options',
		default: 'space',
		description: 'Where the data file goes: a space, or your personal space',
		options: [
			{
				name: 'A Space',
				value: 'space',
				description: 'The data files of a shared, managed or data space',
			},
			{ name: 'My Personal Space', value: 'personal', description: 'Your personal data files' },
			{
				name: 'A Connection',
				value: 'connection',
				description: 'A DataFiles connection, by its ID',
			},
		],
	},
	{
		...resourceLocator({
			name: 'spaceId',
			displayName: 'Space',
			searchListMethod: 'searchSpace',
			placeholder: 'e.g. 62716f4b39b865ece543cd45',
		}),
		displayOptions: { show: { destination: ['space'] } },
	},
	{
		displayName: 'Connection ID',
		name: 'connectionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9a0e3f7c-0d4e-4b8e-9f3a-1c2d3e4f5a6b',
		description: 'The DataFiles connection (Data File → Get Space Connection gives it)',
		displayOptions: { show: { destination: ['connection'] } },
	},
	{
		displayName: 'Folder Path',
		name: 'folderPath',
		type: 'string',
		default: '',
		placeholder: 'e.g. sales/2026',
		description: 'Folder inside the space, folders separated by "/". Empty: the top folder.',
	},
	{
		displayName: 'If a File With This Name Exists',
		name: 'ifExists',
		type: 'options',
		default: 'fail',
		description: 'What to do when the destination already has a data file of this name',
		options: [
			{ name: 'Fail', value: 'fail', description: 'Stop with an error and keep the existing file' },
			{
				name: 'Replace',
				value: 'replace',
				description: 'Upload the new content into the existing file (same ID)',
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'App ID',
				name: 'appId',
				type: 'string',
				default: '',
				description:
					"Bind the file to an app: it is deleted with the app and only the app's users see it",
			},
			chunkSizeOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataFile'], operation: ['create'] } },
	properties,
);

function invalid(ctx: IExecuteFunctions, i: number, label: string, problem: string, fix: string) {
	return new NodeOperationError(ctx.getNode(), `The "${label}" parameter ${problem}`, {
		itemIndex: i,
		description: fix,
	});
}

/** Chunk size in bytes from Additional Fields, checked. */
export function readChunkSize(ctx: IExecuteFunctions, i: number): number {
	const extra = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const mib = Number(extra.chunkSizeMiB ?? DEFAULT_CHUNK_MIB);
	if (!Number.isFinite(mib) || mib <= 0 || mib > MAX_CHUNK_MIB) {
		throw invalid(
			ctx,
			i,
			'Chunk Size (MiB)',
			`must be a number between 1 and ${MAX_CHUNK_MIB}, not "${String(extra.chunkSizeMiB)}"`,
			'Use e.g. 16.',
		);
	}
	return Math.round(mib * 1024 * 1024);
}

/** A data file name (folders with "/"), or an error naming the parameter Qlik would refuse. */
export function checkFileName(
	ctx: IExecuteFunctions,
	i: number,
	label: string,
	name: string,
): string {
	const clean = name
		.split('/')
		.map((s) => s.trim())
		.filter((s) => s !== '')
		.join('/');
	if (clean === '') {
		throw invalid(ctx, i, label, 'is empty', 'Enter a file name such as sales.csv.');
	}
	const bad = [...clean].find((c) => NAME_FORBIDDEN.includes(c));
	if (bad !== undefined) {
		throw invalid(
			ctx,
			i,
			label,
			`contains "${bad === '\u0000' ? '\\0' : bad}", which Qlik Cloud does not allow in file names`,
			'Remove these characters: < > " : | ? * (and control characters).',
		);
	}
	if (clean.split('/').some((s) => s === '.' || s === '..')) {
		throw invalid(ctx, i, label, 'must not contain "." or ".." folders', 'Use plain folder names.');
	}
	return clean;
}

/** The DataFiles connection ID of a space. */
async function connectionOfSpace(
	this: IExecuteFunctions,
	spaceId: string,
	settings: TransportSettings,
	i: number,
): Promise<string> {
	const { body } = await api.dataFile.getAllConnections.call(
		this,
		{ qs: { spaceId, limit: 100 } },
		settings,
		{ itemIndex: i, subject: `Space "${spaceId}"` },
	);
	const list = ((body as IDataObject | undefined)?.data ?? []) as IDataObject[];
	// Only the space's own connection: never another space's, whatever the list holds.
	const found = list.find((c) => c.spaceId === spaceId);
	if (!found?.id) {
		throw new NodeOperationError(
			this.getNode(),
			`Qlik Cloud has no data files connection for space "${spaceId}"`,
			{
				itemIndex: i,
				description:
					'Check that the space exists and that you may add data files to it (a role such as Can Edit or Can Contribute).',
			},
		);
	}
	return String(found.id);
}

/** The ID of the file with exactly this name in a connection (or the personal space). */
async function existingFile(
	this: IExecuteFunctions,
	name: string,
	connectionId: string | undefined,
	settings: TransportSettings,
	i: number,
): Promise<string | undefined> {
	const { body } = await api.dataFile.getAll.call(
		this,
		{ qs: { name, limit: 100, ...(connectionId ? { connectionId } : {}) } },
		settings,
		{ itemIndex: i },
	);
	const list = ((body as IDataObject | undefined)?.data ?? []) as IDataObject[];
	const found = list.find((f) => f.name === name);
	return found?.id ? String(found.id) : undefined;
}

/** The data-file quotas (`maxFileSize` is the direct-upload limit), read once per execution. */
async function dataFileQuotas(
	this: IExecuteFunctions,
	settings: TransportSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const key = 'dataFiles.quotas';
	const known = settings.memo?.get(key) as IDataObject | undefined;
	if (known) return known;
	const { body } = await api.dataFile.getQuotas.call(this, {}, settings, { itemIndex });
	const quotas = (body ?? {}) as IDataObject;
	settings.memo?.set(key, quotas);
	return quotas;
}

/** The tus rows of temp-contents, which large files go through. */
const TUS_ROWS = {
	create: rowOf('tempContent', 'createResumableUpload'),
	chunk: rowOf('tempContent', 'uploadChunk'),
};

export interface SendOptions {
	/** PUT into this file instead of creating one. */
	replaceId?: string;
	/** The `Json` part without the temp content ID. */
	json: IDataObject;
	chunkSize: number;
	settings: TransportSettings;
	/** What a 409 (the name exists) should tell the user to do. */
	conflictHint?: string;
}

/**
 * Sends a file to Qlik Cloud: streamed multipart up to the direct-upload limit, tus to
 * temp-contents and an import by `tempContentFileId` above it. Returns the data file object.
 */
export async function sendDataFile(
	this: IExecuteFunctions,
	file: UploadFile,
	i: number,
	options: SendOptions,
): Promise<IDataObject> {
	const { settings } = options;
	const quotas = await dataFileQuotas.call(this, settings, i);
	const maxFileSize = Number(quotas.maxFileSize);
	const maxLargeFileSize = Number(quotas.maxLargeFileSize);
	if (Number.isFinite(maxLargeFileSize) && maxLargeFileSize > 0 && file.size > maxLargeFileSize) {
		throw new NodeOperationError(
			this.getNode(),
			`The file "${file.fileName}" is ${file.size} bytes; Qlik Cloud accepts data files up to ${maxLargeFileSize} bytes`,
			{ itemIndex: i, description: 'Split the file, or compress it (e.g. as QVD or Parquet).' },
		);
	}
	const direct = !Number.isFinite(maxFileSize) || file.size <= maxFileSize;
	let json = options.json;
	if (!direct) {
		const tempContentFileId = await tusUpload.call(this, file, settings, {
			chunkSize: options.chunkSize,
			itemIndex: i,
			maxResumes: Math.max(3, settings.maxRetries),
			rows: TUS_ROWS,
		});
		json = { ...json, tempContentFileId };
	}
	const { bodyFactory, headers } = multipartBody([
		{ name: 'Json', data: JSON.stringify(json), mimeType: 'application/json' },
		...(direct ? [{ name: 'File', file }] : []),
	]);
	const send = options.replaceId ? api.dataFile.update : api.dataFile.create;
	const { body } = await send.call(
		this,
		{ ...(options.replaceId ? { path: { id: options.replaceId } } : {}), bodyFactory, headers },
		settings,
		{
			itemIndex: i,
			subject: `Data file "${String(json.name ?? file.fileName)}"`,
			conflictHint: options.conflictHint,
		},
	);
	return (body ?? {}) as IDataObject;
}

async function upload(
	this: IExecuteFunctions,
	_spec: OperationSpec,
	i: number,
	settings: TransportSettings,
) {
	// Everything the user gave is checked before the first request.
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim();
	if (!property) {
		throw invalid(
			this,
			i,
			'Input Binary Field',
			'is empty',
			'Name the binary field that holds the file, e.g. data.',
		);
	}
	const item = this.getInputData()[i];
	if (!item?.binary?.[property]) await readUploadFile(this, i, property, 'Input Binary Field');
	const given = String(this.getNodeParameter('fileName', i, '') ?? '').trim();
	const baseName = given || item.binary![property].fileName || '';
	if (!baseName) {
		throw invalid(
			this,
			i,
			'File Name',
			'is empty and the input file has no name',
			'Enter a file name such as sales.csv.',
		);
	}
	const fileLabel = given ? 'File Name' : 'File Name (from the input file)';
	checkFileName(this, i, fileLabel, baseName);
	const folder = String(this.getNodeParameter('folderPath', i, '') ?? '').trim();
	const name = checkFileName(
		this,
		i,
		folder ? 'Folder Path' : fileLabel,
		folder ? `${folder}/${baseName}` : baseName,
	);
	const destination = this.getNodeParameter('destination', i, 'space') as string;
	let spaceId: string | undefined;
	let connectionId: string | undefined;
	if (destination === 'space') {
		spaceId = String(this.getNodeParameter('spaceId', i, '', { extractValue: true }) ?? '').trim();
		if (!spaceId) {
			throw invalid(
				this,
				i,
				'Space',
				'is empty',
				'Pick the space from the list or paste its ID, or choose "My Personal Space" under "Upload To".',
			);
		}
	} else if (destination === 'connection') {
		connectionId = String(this.getNodeParameter('connectionId', i, '') ?? '').trim();
		if (!connectionId) {
			throw invalid(
				this,
				i,
				'Connection ID',
				'is empty',
				'Paste the ID of a DataFiles connection (Data File → Get Space Connection gives it), or upload to a space.',
			);
		}
	} else if (destination !== 'personal') {
		throw invalid(
			this,
			i,
			'Upload To',
			`has an unknown value "${destination}"`,
			'Use A Space, My Personal Space or A Connection.',
		);
	}
	const ifExists = this.getNodeParameter('ifExists', i, 'fail') as string;
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const appId = typeof extra.appId === 'string' ? extra.appId.trim() : '';
	const chunkSize = readChunkSize(this, i);

	const file = await readUploadFile(this, i, property, 'Input Binary Field');
	file.fileName = baseName.split('/').pop() ?? baseName;
	if (spaceId) connectionId = await connectionOfSpace.call(this, spaceId, settings, i);
	const replaceId =
		ifExists === 'replace'
			? await existingFile.call(this, name, connectionId, settings, i)
			: undefined;
	const json: IDataObject = {
		name,
		...(connectionId ? { connectionId } : {}),
		...(appId ? { appId } : {}),
	};
	const result = await sendDataFile.call(this, file, i, {
		replaceId,
		json,
		chunkSize,
		settings,
		conflictHint:
			'Set "If a File With This Name Exists" to "Replace" to upload into the existing file, or choose another file name or folder.',
	});
	return [{ json: result, pairedItem: { item: i } }];
}

export const operation: OperationSpec = {
	...rowFacts('dataFile', 'create'),
	// The file it sends (its own code streams it): what says that an AI tool cannot run it.
	body: rowOf('dataFile', 'create').body,
	execute: upload,
};
