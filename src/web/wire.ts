// What a server type looks like once it has crossed the wire as JSON: dates arrive as ISO strings.
// The web app derives its response types from the server's own (type-only imports, erased by the
// build) rather than restating them, so a field added on the server is a type error in the page that
// forgets it, not a silent undefined.
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
