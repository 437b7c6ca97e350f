// The manifest `.storybook/main.ts` serves as a module (custom-elements.json, from the components' JSDoc).
declare module "virtual:custom-elements-manifest" {
  /** The parts of a Custom Elements Manifest the preview reads; the rest passes through untouched. */
  export interface Member {
    kind: string;
    name: string;
    privacy?: "public" | "private" | "protected";
    static?: boolean;
    description?: string;
    attribute?: string;
  }
  export interface Attribute {
    name: string;
    fieldName?: string;
  }
  export interface Declaration {
    tagName?: string;
    members?: Member[];
    attributes?: Attribute[];
  }
  export interface Manifest {
    schemaVersion: string;
    modules: { path: string; declarations?: Declaration[] }[];
  }
  const manifest: Manifest;
  export default manifest;
}
