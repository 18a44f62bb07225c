export { default as Form } from './Form.svelte';
export { default as Field } from './Field.svelte';
export { default as Select } from './Select.svelte';
export { default as Check } from './Check.svelte';
export { default as Status } from './Status.svelte';
export { default as Radio } from './Radio.svelte';
