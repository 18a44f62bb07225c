export { can, rowsFor } from './permissions';
export * from './oblast';
