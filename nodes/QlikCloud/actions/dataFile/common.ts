import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../shared/descriptions';

/** A space, or the caller's personal space: the scope of data files and their connection. */
export function spaceScopeProperties(verb: string): INodeProperties[] {
	return [
		{
			displayName: 'In',
			name: 'spaceScope',
			type: 'options',
			default: 'space',
			description: 'A space, or your personal space',
			options: [
				{
					name: 'A Space',
					value: 'space',
					description: `${verb} in a shared, managed or data space`,
				},
				{
					name: 'My Personal Space',
					value: 'personal',
					description: `${verb} in your personal space`,
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
			displayOptions: { show: { spaceScope: ['space'] } },
		},
	];
}
