import type { Comparison, Condition } from "@/server/domain/strategies/schema";

/**
 * The rule builder's own tree: the strategy's `when` with a stable id on every node, so drag and drop, focus
 * and React keys survive edits. The ids live only here; `toCondition` gives back clean JSON without them.
 * Every operation is pure and returns a new tree (or null when the move is refused), so the page can keep
 * the strategy JSON as its one source of truth.
 */
export type GroupKind = "all" | "any" | "not";

export interface RuleLeaf {
  kind: "rule";
  id: string;
  comparison: Comparison;
}

export interface RuleGroup {
  kind: "group";
  id: string;
  type: GroupKind;
  children: RuleNode[];
  /**
   * The JSON was one bare comparison (`"when": {"field": ...}`): the editor still shows it inside an "All of"
   * box, and gives back the bare comparison while the box holds exactly that one condition.
   */
  bare?: true;
}

export type RuleNode = RuleLeaf | RuleGroup;

export type IdSource = () => string;

/** Ids unique within one editor session; the prefix keeps two editors on one page apart. */
export function idSource(prefix = "n"): IdSource {
  let next = 0;
  return () => `${prefix}${++next}`;
}

const isComparison = (c: Condition): c is Comparison => "field" in c;

function nodeOf(condition: Condition, ids: IdSource): RuleNode {
  if (isComparison(condition)) return { kind: "rule", id: ids(), comparison: condition };
  if ("all" in condition)
    return { kind: "group", id: ids(), type: "all", children: condition.all.map((c) => nodeOf(c, ids)) };
  if ("any" in condition)
    return { kind: "group", id: ids(), type: "any", children: condition.any.map((c) => nodeOf(c, ids)) };
  // {"not": X} is a "None of" box holding X alone; the editor writes several children as {"not": {"any": [...]}}.
  return { kind: "group", id: ids(), type: "not", children: [nodeOf(condition.not, ids)] };
}

/** The editor tree of a `when`. The root is always a group, so there is always a box to add conditions to. */
export function toTree(when: Condition | undefined, ids: IdSource): RuleGroup {
  const node = nodeOf(when ?? { all: [] }, ids);
  if (node.kind === "group") return node;
  return { kind: "group", id: ids(), type: "all", children: [node], bare: true };
}

/** The clean JSON of a node: no ids, nothing the editor added. */
export function toCondition(node: RuleNode): Condition {
  if (node.kind === "rule") return node.comparison;
  const children = node.children.map(toCondition);
  if (node.bare && node.type === "all" && children.length === 1 && isComparison(children[0]!)) return children[0]!;
  if (node.type === "all") return { all: children };
  if (node.type === "any") return { any: children };
  // "None of" = not (any of ...): with one child that is simply {"not": child}; with none, not(any []) is true,
  // like an empty "All of".
  return { not: children.length === 1 ? children[0]! : { any: children } };
}

export function findNode(root: RuleNode, id: string): RuleNode | null {
  if (root.id === id) return root;
  if (root.kind === "rule") return null;
  for (const child of root.children) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return null;
}

export interface Place {
  parent: RuleGroup;
  index: number;
}

/** The group holding `id` and its position there; null for the root or an unknown id. */
export function findPlace(root: RuleGroup, id: string): Place | null {
  const index = root.children.findIndex((c) => c.id === id);
  if (index >= 0) return { parent: root, index };
  for (const child of root.children) {
    if (child.kind === "group") {
      const found = findPlace(child, id);
      if (found) return found;
    }
  }
  return null;
}

/** True when `id` is `ancestorId` itself or lies anywhere inside it. */
export function isWithin(root: RuleGroup, ancestorId: string, id: string): boolean {
  const ancestor = findNode(root, ancestorId);
  return ancestor !== null && findNode(ancestor, id) !== null;
}

/** Ids of a node and everything inside it. */
export function subtreeIds(node: RuleNode): string[] {
  return node.kind === "rule" ? [node.id] : [node.id, ...node.children.flatMap(subtreeIds)];
}

function mapGroups(node: RuleGroup, fn: (g: RuleGroup) => RuleGroup): RuleGroup {
  const children = node.children.map((c) => (c.kind === "group" ? mapGroups(c, fn) : c));
  return fn(children.every((c, i) => c === node.children[i]) ? node : { ...node, children });
}

/** Replaces the node `id` by what `fn` makes of it. */
export function updateNode(root: RuleGroup, id: string, fn: (node: RuleNode) => RuleNode): RuleGroup {
  if (root.id === id) {
    const next = fn(root);
    return next.kind === "group" ? next : root;
  }
  return mapGroups(root, (g) => {
    const i = g.children.findIndex((c) => c.id === id);
    if (i < 0) return g;
    const children = [...g.children];
    children[i] = fn(children[i]!);
    return { ...g, children };
  });
}

/** Puts `node` into group `parentId` at `index` (the end when omitted or past it); null when there is no such group. */
export function insertNode(root: RuleGroup, parentId: string, node: RuleNode, index?: number): RuleGroup | null {
  const parent = findNode(root, parentId);
  if (!parent || parent.kind !== "group") return null;
  return updateNode(root, parentId, (g) => {
    const group = g as RuleGroup;
    const children = [...group.children];
    children.splice(Math.max(0, Math.min(index ?? children.length, children.length)), 0, node);
    return { ...group, children };
  });
}

/** Removes node `id` and everything inside it; the root cannot be removed. */
export function removeNode(root: RuleGroup, id: string): RuleGroup {
  if (root.id === id) return root;
  return mapGroups(root, (g) =>
    g.children.some((c) => c.id === id) ? { ...g, children: g.children.filter((c) => c.id !== id) } : g,
  );
}

/**
 * Moves node `id` into group `parentId` at `index`, where `index` counts the target's children as they are
 * before the move (so "before the item now at index i" in the same group works as in a different one).
 * Refused (null) for the root, unknown ids, a target that is not a group, and a group moved into itself or
 * into one of its own descendants.
 */
export function moveNode(root: RuleGroup, id: string, parentId: string, index: number): RuleGroup | null {
  const node = findNode(root, id);
  const place = findPlace(root, id);
  const target = findNode(root, parentId);
  if (!node || !place || !target || target.kind !== "group") return null;
  if (isWithin(root, id, parentId)) return null;
  let at = Math.max(0, Math.min(index, target.children.length));
  if (place.parent.id === parentId && place.index < at) at -= 1;
  if (place.parent.id === parentId && place.index === at) return root;
  return insertNode(removeNode(root, id), parentId, node, at);
}

export type MoveCommand = "up" | "down" | "into-previous" | "into-next" | "out";

/** Where a button-driven move would put the node, or null when it cannot go that way. */
function commandTarget(root: RuleGroup, id: string, command: MoveCommand): { parentId: string; index: number } | null {
  const place = findPlace(root, id);
  if (!place) return null;
  const { parent, index } = place;
  switch (command) {
    case "up":
      return index > 0 ? { parentId: parent.id, index: index - 1 } : null;
    case "down":
      return index < parent.children.length - 1 ? { parentId: parent.id, index: index + 2 } : null;
    case "into-previous": {
      const previous = parent.children[index - 1];
      return previous?.kind === "group" ? { parentId: previous.id, index: previous.children.length } : null;
    }
    case "into-next": {
      const next = parent.children[index + 1];
      return next?.kind === "group" ? { parentId: next.id, index: 0 } : null;
    }
    case "out": {
      const outer = findPlace(root, parent.id);
      return outer ? { parentId: outer.parent.id, index: outer.index + 1 } : null;
    }
  }
}

/** The keyboard- and touch-friendly moves behind each item's buttons: up, down, into the group above/below, out. */
export function applyMove(root: RuleGroup, id: string, command: MoveCommand): RuleGroup | null {
  const target = commandTarget(root, id, command);
  return target ? moveNode(root, id, target.parentId, target.index) : null;
}

export function canMove(root: RuleGroup, id: string, command: MoveCommand): boolean {
  return commandTarget(root, id, command) !== null;
}

export type PathPart = string | number;

/**
 * The JSON path of every node, as validation reports it ("when.all[1].any[0]"), so an error can be shown at
 * the rule it is about. A "None of" box with one child is {"not": child}; with several, {"not": {"any": [...]}}.
 */
export function nodePaths(root: RuleGroup, base = "when"): Map<string, string> {
  const paths = new Map<string, string>();
  const walk = (node: RuleNode, path: string) => {
    paths.set(node.id, path);
    if (node.kind === "rule") return;
    if (node.bare && node.children.length === 1 && node.children[0]!.kind === "rule") {
      walk(node.children[0]!, path);
      paths.set(node.id, path);
      return;
    }
    if (node.type === "not") {
      if (node.children.length === 1) walk(node.children[0]!, `${path}.not`);
      else node.children.forEach((c, i) => walk(c, `${path}.not.any[${i}]`));
      return;
    }
    node.children.forEach((c, i) => walk(c, `${path}.${node.type}[${i}]`));
  };
  walk(root, base);
  return paths;
}

/** "when.all[1].value" and ["when", "all", 1, "value"] both become "when.all[1].value". */
export function normalisePath(path: string | readonly PathPart[]): string {
  if (typeof path === "string") return path;
  return path.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    "",
  );
}

/**
 * The node an error is about: the deepest node whose path is the error's path or a prefix of it (an error on
 * "when.all[1].value" belongs to the condition at "when.all[1]"). Null when the error is not inside `when`.
 */
export function nodeForPath(paths: Map<string, string>, errorPath: string | readonly PathPart[]): string | null {
  const target = normalisePath(errorPath);
  let best: { id: string; length: number } | null = null;
  for (const [id, path] of paths) {
    const matches = target === path || target.startsWith(`${path}.`) || target.startsWith(`${path}[`);
    // The bare root and its one condition share a path; the condition (found later, deeper) wins ties.
    if (matches && (!best || path.length >= best.length)) best = { id, length: path.length };
  }
  return best?.id ?? null;
}

export function countRules(node: RuleNode): number {
  return node.kind === "rule" ? 1 : node.children.reduce((n, c) => n + countRules(c), 0);
}
