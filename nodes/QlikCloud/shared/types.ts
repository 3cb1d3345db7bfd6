import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { TransportSettings } from '../transport';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Qlik's `x-qlik-tier`: tier 1 = 1000/min, tier 2 = 100/min, special = its own limit. */
export interface RateTier {
	tier: '1' | '2' | 'special';
	perMinute: number;
}

/**
 * `json`: any JSON value (deep objects, arrays of objects); `binary`: the name of an input
 * binary property whose file is sent.
 */
export type ValueType =
	| 'string'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'array'
	| 'object'
	| 'json'
	| 'binary'
	/** A date and time, sent as an ISO 8601 string. */
	| 'dateTime';

/** One value the operation sends, and the node parameter it comes from. */
export interface FieldSpec {
	/** Name in the API (query parameter or body property). */
	name: string;
	/** Node parameter: a top-level name, or `collection.key`. Defaults to `name`. */
	param?: string;
	/** Label used in error messages. */
	label: string;
	type: ValueType;
	required?: boolean;
	enum?: readonly string[];
	maxLength?: number;
	/** A character class the value must not contain, e.g. `"*?<>/|\\:` for space names. */
	forbiddenCharacters?: string;
	/** An object (JSON) whose properties are merged into the body; named fields win. */
	spread?: boolean;
	/** A boolean switch that sends this value when on and nothing when off. */
	whenTrue?: string;
	/** A protocol value the node always sends (e.g. `Tus-Resumable: 1.0.0`): no editor field. */
	value?: string;
	/**
	 * A confirmation switch: when on, the value of this path parameter is sent (Qlik asks for the
	 * ID again before a delete); when off, the item fails before any request.
	 */
	confirms?: string;
	/** An ID picked from this resource's list (a resource locator), e.g. `space` for `spaceId`. */
	locator?: string;
	/** The choices are sort orders (`+name`, `name` ascending, `-name` descending). */
	sort?: true;
	/**
	 * An `array` of names or IDs sent as references: each value becomes `{ [refs]: value }`
	 * (`Developer` → `{ "name": "Developer" }`).
	 */
	refs?: 'name' | 'id';
	/** Items of an `array`: their type and allowed values. */
	items?: 'string' | 'integer' | 'number' | 'boolean';
	default?: string | number | boolean;
	minimum?: number;
	maximum?: number;
	/** Our one-line hint shown under the field. */
	hint?: string;
	/** A secret (password, token, client secret): masked in the editor. */
	typeOptions?: { password: true };
}

export interface PathParamSpec {
	/** Name in the path template. */
	name: string;
	/** Node parameter, when it differs from `name`. */
	param?: string;
	label: string;
	/** What the ID looks like, for the error message. */
	example?: string;
	/** `path`: a file path whose `/` are kept; `text`: any value without `/`. Default: an ID. */
	kind?: 'id' | 'path' | 'text';
	enum?: readonly string[];
	/** Our one-line description of the value. */
	hint?: string;
	/** The resource whose list the value is picked from (a resource locator). */
	locator?: string;
}

export type BodySpec =
	| { kind: 'json'; fields: FieldSpec[]; required?: boolean; contentType?: string }
	| {
			kind: 'jsonPatch';
			/** JSON-Patch operations built from these fields (path = `/<name>`). */
			fields: FieldSpec[];
			/** The patch operation each field becomes; default `replace`. */
			op?: string;
			/** Raw patch operations (a JSON array) sent after the fields' ones. */
			raw?: FieldSpec;
			contentType?: string;
	  }
	/** The whole body is the value of one field (a JSON array or a free-form object). */
	| { kind: 'raw'; field: FieldSpec; contentType?: string }
	/** multipart/form-data: `binary` fields are files, the rest are sent as text or JSON parts. */
	| { kind: 'multipart'; fields: FieldSpec[] }
	/** The body is a file from a binary property, sent as is. */
	| { kind: 'binary'; field: FieldSpec; contentType: string };

export type ResponseSpec =
	/** `simplify`: Qlik's object is large (see `actions/simplify.ts`): a Simplify switch. */
	| { kind: 'object'; simplify?: true }
	/** A file (export, download, log): n8n binary output. */
	| { kind: 'binary'; mimeType?: string }
	/** A JSON array: each element is an output item. */
	| { kind: 'array' }
	/** Plain text (logs, headers): output as `{ text }`. */
	| { kind: 'text' }
	| { kind: 'empty'; output: IDataObject }
	| {
			kind: 'list';
			/** Largest `limit` the API accepts. */
			maxPageSize: number;
			/** Query parameter that carries the page size. */
			limitParam?: string;
			/** The list holds plain values: each becomes `{ [valueKey]: value }`. */
			valueKey?: string;
			/** The API answers one page with everything: no Return All / Limit. */
			single?: boolean;
			/** The property that holds the items, when not `data` (e.g. `sharingTasks`). */
			itemsKey?: string;
			/** The items are large objects: a Simplify switch. */
			simplify?: true;
	  };

/** Code for an operation that needs more than one request (wait for a reload, …). */
export type OperationRunner = (
	this: IExecuteFunctions,
	spec: OperationSpec,
	i: number,
	settings: TransportSettings,
) => Promise<INodeExecutionData[]>;

/**
 * Code for an operation that acts on all input items at once (batch endpoints): it returns one
 * output item per input item, paired to it, and handles continue-on-fail itself.
 */
export type BatchRunner = (
	this: IExecuteFunctions,
	spec: OperationSpec,
	settings: TransportSettings,
) => Promise<INodeExecutionData[]>;

/** The table row of one operation: everything the generic executor needs to run it. */
export interface OperationSpec {
	method: HttpMethod;
	path: string;
	tier: RateTier;
	pathParams?: PathParamSpec[];
	query?: FieldSpec[];
	/** Request headers some operations take (a confirmation, an ETag, tus offsets). */
	headers?: FieldSpec[];
	body?: BodySpec;
	response: ResponseSpec;
	/**
	 * Past Qlik's sunset when the tables were generated: offered for no new node, and a saved
	 * workflow that has it fails before any request, naming what replaces it.
	 */
	retired?: {
		/** What the operation was called, e.g. "Reload Task → Get Many". */
		operation: string;
		sunset: string;
		replacement?: string;
	};
	/** Runs the operation instead of the generic executor (which it may call itself). */
	execute?: OperationRunner;
	/** Runs the operation once for all input items instead of once per item (batches). */
	executeAll?: BatchRunner;
}

/** A generated row: the operation plus what the editor shows for it. */
export interface TableOperation extends OperationSpec {
	/** Display name, e.g. "Get Many". */
	name: string;
	/** Sentence for the nodes panel, e.g. "Get many data files". */
	action: string;
	/** Our description: for the long tail, the endpoint itself. */
	description?: string;
	/** The success status Qlik documents (the simulator answers with it). */
	status: number;
	/** Qlik's operationId, for reference. */
	operationId?: string;
	/** Set when Qlik deprecated the operation: what replaces it. */
	deprecated?: { replacement?: string; sunset?: string };
}

/** One resource's generated operation table (`actions/generated/<resource>.ts`). */
export interface ResourceTable {
	resource: string;
	displayName: string;
	description?: string;
	/** Qlik's spec file the table came from. */
	spec: string;
	operations: Record<string, TableOperation>;
}

export interface QlikErrorEntry {
	code?: string;
	title?: string;
	detail?: string;
	status?: string | number;
	meta?: IDataObject;
}

export interface QlikList<T = IDataObject> {
	data?: T[];
	[itemsKey: string]: unknown;
	links?: { next?: { href?: string } | null; self?: { href?: string } };
	meta?: IDataObject;
}
