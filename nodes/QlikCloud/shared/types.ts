import type { IDataObject } from 'n8n-workflow';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Qlik's `x-qlik-tier`: tier 1 = 1000/min, tier 2 = 100/min, special = its own limit. */
export interface RateTier {
	tier: '1' | '2' | 'special';
	perMinute: number;
}

export const TIER_1: RateTier = { tier: '1', perMinute: 1000 };
export const TIER_2: RateTier = { tier: '2', perMinute: 100 };

export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

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
}

export interface PathParamSpec {
	name: string;
	label: string;
	/** What the ID looks like, for the error message. */
	example?: string;
}

export type BodySpec =
	| { kind: 'json'; fields: FieldSpec[]; required?: boolean }
	| {
			kind: 'jsonPatch';
			/** JSON-Patch `replace` operations built from these fields (path = `/<name>`). */
			fields: FieldSpec[];
	  };

export type ResponseSpec =
	| { kind: 'object' }
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
	  };

/** The table row of one operation: everything the generic executor needs to run it. */
export interface OperationSpec {
	method: HttpMethod;
	path: string;
	tier: RateTier;
	pathParams?: PathParamSpec[];
	query?: FieldSpec[];
	body?: BodySpec;
	response: ResponseSpec;
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
	links?: { next?: { href?: string } | null; self?: { href?: string } };
	meta?: IDataObject;
}
