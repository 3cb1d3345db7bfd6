/**
 * Request bodies by kind: one encoder per `BodySpec` kind, so that a new kind does not compile
 * until it has one.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readUploadFile } from '../shared/binary';
import type { BodySpec } from '../shared/types';
import type { QlikRequest } from '../transport';
import { fileBody } from '../transport/file';
import type { MultipartPart } from '../transport/multipart';
import { multipartBody } from '../transport/multipart';
import { requiredJsonBody } from '../transport/requiredBody';
import type { ItemInput } from './input';

export interface EncodedBody {
	body?: QlikRequest['body'];
	bodyFactory?: QlikRequest['bodyFactory'];
	headers?: IDataObject;
}

type Encoder<K extends BodySpec['kind']> = (
	spec: Extract<BodySpec, { kind: K }>,
	input: ItemInput,
) => Promise<EncodedBody>;

const contentType = (type?: string) => (type ? { 'Content-Type': type } : undefined);

export const bodyEncoders: { [K in BodySpec['kind']]: Encoder<K> } = {
	async json(spec, input) {
		const values = input.fields(spec.fields);
		if (spec.required) return requiredJsonBody(values, spec.contentType);
		return { body: values, headers: contentType(spec.contentType) };
	},
	async raw(spec, input) {
		const value = input.field(spec.field) as IDataObject | IDataObject[] | undefined;
		return { body: value, headers: contentType(spec.contentType) };
	},
	async binary(spec, input) {
		// Streamed from n8n's binary store (a new stream per attempt), never read whole.
		const property = input.field(spec.field) as string | undefined;
		if (!property) return { headers: contentType(spec.contentType) };
		const file = await readUploadFile(input.ctx, input.i, property, spec.field.label);
		const { bodyFactory, headers } = fileBody(file);
		return { bodyFactory, headers: { ...headers, ...contentType(spec.contentType) } };
	},
	async multipart(spec, input) {
		const parts: MultipartPart[] = [];
		for (const field of spec.fields) {
			const value = input.field(field);
			if (value === undefined) continue;
			if (field.type === 'binary') {
				// Streamed from n8n's binary store like any upload, never read whole.
				const file = await readUploadFile(input.ctx, input.i, value as string, field.label);
				parts.push({ name: field.name, file });
				continue;
			}
			parts.push({
				name: field.name,
				data: typeof value === 'string' ? value : JSON.stringify(value),
				mimeType: typeof value === 'object' ? 'application/json' : undefined,
			});
		}
		return multipartBody(parts);
	},
	async jsonPatch(spec, input) {
		const values = input.fields(spec.fields);
		const ops: IDataObject[] = Object.entries(values).map(([name, value]) => ({
			op: spec.op ?? 'replace',
			path: `/${name}`,
			value,
		}));
		const raw = spec.raw ? input.field(spec.raw) : undefined;
		if (raw !== undefined && !Array.isArray(raw)) {
			throw input.invalid(
				spec.raw!.label,
				'must be a JSON array of patch operations',
				'Enter e.g. [{"op": "replace", "path": "/name", "value": "New name"}].',
			);
		}
		ops.push(...((raw ?? []) as IDataObject[]));
		if (ops.length === 0) {
			throw new NodeOperationError(
				input.ctx.getNode(),
				'Nothing to update: "Update Fields" is empty',
				{
					itemIndex: input.i,
					description: spec.raw
						? `Add at least one field under "Update Fields", or patch operations in "${spec.raw.label}".`
						: 'Add at least one field under "Update Fields".',
				},
			);
		}
		return { body: ops, headers: contentType(spec.contentType) };
	},
};

/** The body of a row for one item (none when the row has none). */
export async function encodeBody(
	spec: BodySpec | undefined,
	input: ItemInput,
): Promise<EncodedBody> {
	if (!spec) return {};
	return await (bodyEncoders[spec.kind] as Encoder<typeof spec.kind>)(spec as never, input);
}
