// The @cornerstonejs codec packages ship Emscripten glue without type declarations: each subpath's
// default export is the module factory (see codec-provider.ts for the classes we use).
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: import('./codec-provider').EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: import('./codec-provider').EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: import('./codec-provider').EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjph/wasmjs' {
  const factory: import('./codec-provider').EmscriptenFactory;
  export default factory;
}
