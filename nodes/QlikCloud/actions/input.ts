/**
 * The values of one input item for one operation: the node's parameters, or values the node
 * computed and passes explicitly (they win over a parameter of the same name), checked and
 * converted by `coerceField`. A bad value fails the item naming the parameter and the fix.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldSpec } from '../shared/types';
import { coerceField } from './coerce';

export class ItemInput {
	constructor(
		readonly ctx: IExecuteFunctions,
		readonly i: number,
		private readonly values: IDataObject = {},
	) {}

	/** A parameter's value: a top-level name, or `collection.key`. */
	param(param: string): unknown {
		if (Object.prototype.hasOwnProperty.call(this.values, param)) return this.values[param];
		const [top, key] = param.split('.', 2);
		if (key === undefined) {
			return this.ctx.getNodeParameter(top, this.i, undefined, { extractValue: true });
		}
		const collection = this.ctx.getNodeParameter(top, this.i, {}) as IDataObject;
		const value = collection?.[key];
		// A resource locator in a collection: its ID.
		if (value && typeof value === 'object' && (value as IDataObject).__rl === true)
			return (value as IDataObject).value;
		return value;
	}

	invalid(label: string, problem: string, fix: string): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), `The "${label}" parameter ${problem}`, {
			itemIndex: this.i,
			description: fix,
		});
	}

	/** Reads, checks and converts one value; undefined when the user left it empty. */
	field(field: FieldSpec): unknown {
		if (field.value !== undefined) return field.value;
		const coerced = coerceField(field, this.param(field.param ?? field.name));
		if ('problem' in coerced) throw this.invalid(field.label, coerced.problem, coerced.fix);
		return coerced.value;
	}

	/** The values of several fields by API name; `spread` fields are merged in, named ones win. */
	fields(fields: FieldSpec[] | undefined): IDataObject {
		const out: IDataObject = {};
		let extra: IDataObject = {};
		for (const field of fields ?? []) {
			const value = this.field(field);
			if (value === undefined) continue;
			if (field.spread) extra = { ...extra, ...(value as IDataObject) };
			else out[field.name] = value as IDataObject[keyof IDataObject];
		}
		return { ...extra, ...out };
	}
}
