"use client";

import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  MeasuringStrategy,
  MouseSensor,
  pointerWithin,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import {
  ArrowDown,
  ArrowDownToLine,
  ArrowUp,
  ArrowUpFromLine,
  CornerLeftUp,
  GripVertical,
  Plus,
  Trash2,
} from "lucide-react";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import type { Condition } from "@/server/domain/strategies/schema";
import { defaultComparison, describeComparison } from "./comparison";
import { ComparisonEditor, type Suggestions } from "./condition-row";
import {
  applyMove,
  canMove,
  countRules,
  findNode,
  findPlace,
  idSource,
  insertNode,
  moveNode,
  nodeForPath,
  nodePaths,
  removeNode,
  subtreeIds,
  toCondition,
  toTree,
  updateNode,
  type GroupKind,
  type MoveCommand,
  type PathPart,
  type RuleGroup,
  type RuleNode,
} from "./tree";

export interface RuleError {
  path: string | readonly PathPart[];
  message: string;
}

export const GROUP_LABELS: Record<GroupKind, string> = { all: "All of", any: "Any of", not: "None of" };

const DROP_PREFIX = "drop:";

/** What an item is called by its handle, its buttons and the screen-reader announcements. */
function nameOf(node: RuleNode): string {
  if (node.kind === "rule") return `condition: ${describeComparison(node.comparison)}`;
  const n = countRules(node);
  return `group: ${GROUP_LABELS[node.type]} (${n} condition${n === 1 ? "" : "s"})`;
}

interface BuilderContext {
  root: RuleGroup;
  change: (next: RuleGroup | null, focusId?: string) => void;
  move: (id: string, command: MoveCommand) => void;
  /** Ids of the dragged item and everything inside it: no drop target there. */
  dragging: ReadonlySet<string>;
  errors: ReadonlyMap<string, string[]>;
  suggestions: Suggestions;
}

const Ctx = createContext<BuilderContext | null>(null);
const useBuilder = () => useContext(Ctx)!;

/**
 * The IF/THEN editor of a strategy's `when`: boxes for groups (all / any / none of), rows for conditions.
 * Items are dragged by their handle with a mouse, a finger (after a short press) or the keyboard (Space, the
 * arrows, Space), and every drag also exists as buttons: up, down, into the group above or below, out.
 */
export function RuleBuilder({
  value,
  onChange,
  errors = [],
  suggestions = {},
}: {
  value: Condition | undefined;
  onChange: (when: Condition) => void;
  errors?: readonly RuleError[];
  suggestions?: Suggestions;
}) {
  const [ids] = useState(() => idSource("r"));
  const [root, setRoot] = useState<RuleGroup>(() => toTree(value, ids));
  // The JSON this tree stands for: when the strategy changes from outside (quick form, template) the tree is
  // rebuilt; edits made here come back equal and keep their ids.
  const [mirrored, setMirrored] = useState(() => JSON.stringify(value ?? { all: [] }));
  const incoming = JSON.stringify(value ?? { all: [] });
  if (incoming !== mirrored) {
    setMirrored(incoming);
    setRoot(toTree(value, ids));
  }

  const focusRequest = useRef<string | null>(null);
  const [status, setStatus] = useState("");
  const [activeId, setActiveId] = useState<string | null>(null);

  useEffect(() => {
    const id = focusRequest.current;
    if (!id) return;
    focusRequest.current = null;
    // An item moved to another group is a new element: focus its handle again so the keyboard user keeps their place.
    document.querySelector<HTMLElement>(`[data-handle-for="${id}"]`)?.focus();
  }, [root]);

  const change = useCallback(
    (next: RuleGroup | null, focus?: string) => {
      if (!next || next === root) return;
      setRoot(next);
      const json = toCondition(next);
      setMirrored(JSON.stringify(json));
      onChange(json);
      if (focus) focusRequest.current = focus;
    },
    [root, onChange],
  );

  const move = useCallback(
    (id: string, command: MoveCommand) => {
      const node = findNode(root, id);
      const next = applyMove(root, id, command);
      if (!node || !next) return;
      const place = findPlace(next, id);
      const where = place
        ? place.parent.id === next.id
          ? "the top level"
          : `"${GROUP_LABELS[place.parent.type]}"`
        : "";
      setStatus(`Moved ${nameOf(node)} to position ${(place?.index ?? 0) + 1} of ${where}.`);
      change(next, id);
    },
    [root, change],
  );

  const errorsByNode = useMemo(() => {
    const paths = nodePaths(root);
    const map = new Map<string, string[]>();
    for (const e of errors) {
      const id = nodeForPath(paths, e.path);
      if (id) map.set(id, [...(map.get(id) ?? []), e.message]);
    }
    return map;
  }, [root, errors]);

  const dragging = useMemo(() => {
    const node = activeId ? findNode(root, activeId) : null;
    return new Set(node ? subtreeIds(node) : []);
  }, [root, activeId]);

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    // A short press starts a drag on touch screens, so a swipe over a handle still scrolls the page.
    useSensor(TouchSensor, { activationConstraint: { delay: 180, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // The pointer's innermost target first (nested boxes), else the nearest by corners (the keyboard has no pointer).
  const collisionDetection: CollisionDetection = useCallback((args) => {
    const within = pointerWithin(args);
    return within.length ? within : closestCorners(args);
  }, []);

  const labelOf = useCallback(
    (id: string | number | undefined) => {
      const node = id === undefined ? null : findNode(root, String(id));
      if (node) return nameOf(node);
      const group = String(id ?? "").startsWith(DROP_PREFIX)
        ? findNode(root, String(id).slice(DROP_PREFIX.length))
        : null;
      return group?.kind === "group"
        ? `the end of ${group.id === root.id ? "the top level" : `group ${GROUP_LABELS[group.type]}`}`
        : "nothing";
    },
    [root],
  );

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${labelOf(active.id)}. Use the arrow keys to move, Space to drop, Escape to cancel.`,
    // Over its own place (where every drag starts) says nothing, so "Picked up" is heard in full.
    onDragOver: ({ active, over }) =>
      over?.id === active.id
        ? undefined
        : over
          ? `${labelOf(active.id)} is over ${labelOf(over.id)}.`
          : `${labelOf(active.id)} is no longer over a drop place.`,
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${labelOf(active.id)} at ${labelOf(over.id)}.` : `Dropped ${labelOf(active.id)}; nothing moved.`,
    onDragCancel: ({ active }) => `Cancelled: ${labelOf(active.id)} is back where it was.`,
  };

  const onDragEnd = (event: DragEndEvent) => {
    setActiveId(null);
    const { active, over } = event;
    if (!over || over.id === active.id) return;
    const activeKey = String(active.id);
    const overKey = String(over.id);
    if (overKey.startsWith(DROP_PREFIX)) {
      const groupId = overKey.slice(DROP_PREFIX.length);
      const group = findNode(root, groupId);
      if (group?.kind === "group") change(moveNode(root, activeKey, groupId, group.children.length), activeKey);
      return;
    }
    const from = findPlace(root, activeKey);
    const to = findPlace(root, overKey);
    if (!from || !to) return;
    let index = to.index;
    if (from.parent.id === to.parent.id) {
      // Within one box the item takes the place of the one it is dropped on, as a sortable list does.
      if (from.index < to.index) index += 1;
    } else {
      // Into another box: before the item under it, or after it when dropped on its lower half.
      const dragged = active.rect.current.translated;
      if (dragged && dragged.top + dragged.height / 2 > over.rect.top + over.rect.height / 2) index += 1;
    }
    change(moveNode(root, activeKey, to.parent.id, index), activeKey);
  };

  const context: BuilderContext = { root, change, move, dragging, errors: errorsByNode, suggestions };
  return (
    <Ctx.Provider value={context}>
      <DndContext
        sensors={sensors}
        // Drop targets are measured before a drag starts, so the first arrow key of a keyboard drag already has
        // places to go (measured on demand, a quick Space then arrow found none and the item stayed put).
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        collisionDetection={collisionDetection}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              "To pick up an item, press Space or Enter. Move it with the arrow keys, press Space or Enter again to drop it, Escape to cancel. The item's buttons move it too.",
          },
        }}
        onDragStart={(e: DragStartEvent) => setActiveId(String(e.active.id))}
        onDragCancel={() => setActiveId(null)}
        onDragEnd={onDragEnd}
      >
        <GroupBox node={root} isRoot />
      </DndContext>
      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>
    </Ctx.Provider>
  );
}

function Handle({
  node,
  attributes,
  listeners,
  setRef,
}: {
  node: RuleNode;
  attributes: object;
  listeners: object | undefined;
  setRef: (el: HTMLElement | null) => void;
}) {
  return (
    <button
      type="button"
      ref={setRef}
      {...attributes}
      {...listeners}
      data-handle-for={node.id}
      aria-label={`Drag ${nameOf(node)}`}
      title="Drag, or focus and press Space"
      className="inline-flex h-9 w-7 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring active:cursor-grabbing"
    >
      <GripVertical className="size-4" />
    </button>
  );
}

/** The move and delete buttons of one item: the drag's keyboard and touch path that needs no dragging at all. */
function ItemActions({ node }: { node: RuleNode }) {
  const { root, move, change } = useBuilder();
  const name = nameOf(node);
  const moves: { command: MoveCommand; label: string; icon: React.ReactNode; optional?: true }[] = [
    { command: "up", label: "Move up", icon: <ArrowUp /> },
    { command: "down", label: "Move down", icon: <ArrowDown /> },
    { command: "into-previous", label: "Move into group above", icon: <ArrowUpFromLine />, optional: true },
    { command: "into-next", label: "Move into group below", icon: <ArrowDownToLine />, optional: true },
    { command: "out", label: "Move out of group", icon: <CornerLeftUp />, optional: true },
  ];
  return (
    <div className="flex shrink-0 flex-wrap items-center gap-0.5">
      {moves.map((m) => {
        const possible = canMove(root, node.id, m.command);
        if (m.optional && !possible) return null;
        return (
          <Button
            key={m.command}
            type="button"
            variant="ghost"
            size="icon"
            className="size-8"
            title={m.label}
            aria-label={`${m.label}: ${name}`}
            disabled={!possible}
            onClick={() => move(node.id, m.command)}
          >
            {m.icon}
          </Button>
        );
      })}
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className="size-8 text-muted-foreground hover:text-destructive"
        title="Delete"
        aria-label={`Delete ${name}`}
        onClick={() => {
          const place = findPlace(root, node.id);
          const neighbour = place
            ? (place.parent.children[place.index + 1] ?? place.parent.children[place.index - 1])
            : undefined;
          change(removeNode(root, node.id), neighbour?.id);
        }}
      >
        <Trash2 />
      </Button>
    </div>
  );
}

function Errors({ messages, id }: { messages: string[] | undefined; id: string }) {
  if (!messages?.length) return null;
  return (
    <ul id={id} role="alert" className="w-full text-xs text-destructive">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

function RuleRow({ node }: { node: Extract<RuleNode, { kind: "rule" }> }) {
  const { root, change, dragging, errors, suggestions } = useBuilder();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: node.id,
    disabled: { draggable: false, droppable: dragging.has(node.id) && !isSelf(dragging, node.id) },
  });
  const messages = errors.get(node.id);
  const label = describeComparison(node.comparison);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-node={node.id}
      aria-label={`Condition: ${label}`}
      aria-describedby={messages ? `${node.id}-errors` : undefined}
      className={cn(
        "flex min-w-0 flex-wrap items-start gap-1 rounded-md border bg-background p-1.5 sm:flex-nowrap sm:p-2",
        messages && "border-destructive ring-1 ring-destructive",
        isDragging && "relative z-10 opacity-80 shadow-lg",
      )}
    >
      <Handle node={node} attributes={attributes} listeners={listeners} setRef={setActivatorNodeRef} />
      {/* Narrow screens: handle and buttons on the first line, the condition below at full width. */}
      <div className="order-2 flex min-w-0 basis-full flex-col gap-1 sm:order-1 sm:basis-0 sm:flex-1">
        <ComparisonEditor
          comparison={node.comparison}
          label={label}
          suggestions={suggestions}
          onChange={(comparison) => change(updateNode(root, node.id, (n) => ({ ...n, comparison }) as RuleNode))}
        />
        <Errors messages={messages} id={`${node.id}-errors`} />
      </div>
      <div className="order-1 ml-auto sm:order-2 sm:ml-0">
        <ItemActions node={node} />
      </div>
    </li>
  );
}

/** The dragged item itself stays a sortable target (dnd-kit needs it); only what is inside it is switched off. */
function isSelf(dragging: ReadonlySet<string>, id: string): boolean {
  return dragging.values().next().value === id;
}

function AddButtons({ group }: { group: RuleGroup }) {
  const { root, change } = useBuilder();
  const ids = useRef(idSource(`${group.id}-new`));
  const add = (node: RuleNode) => change(insertNode(root, group.id, node), node.id);
  const where = group.id === root.id ? "" : ` to ${GROUP_LABELS[group.type]}`;
  return (
    <div className="flex flex-wrap gap-1">
      <Button
        type="button"
        variant="outline"
        size="sm"
        aria-label={`Add condition${where}`}
        onClick={() => add({ kind: "rule", id: ids.current(), comparison: defaultComparison("edge") })}
      >
        <Plus /> Condition
      </Button>
      {(["all", "any", "not"] as const).map((type) => (
        <Button
          key={type}
          type="button"
          variant="ghost"
          size="sm"
          aria-label={`Add group ${GROUP_LABELS[type]}${where}`}
          onClick={() => add({ kind: "group", id: ids.current(), type, children: [] })}
        >
          <Plus /> {GROUP_LABELS[type]}
        </Button>
      ))}
    </div>
  );
}

function GroupBox({ node, isRoot = false }: { node: RuleGroup; isRoot?: boolean }) {
  const { root, change, dragging, errors } = useBuilder();
  const inDragged = dragging.has(node.id) && !isSelf(dragging, node.id);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: node.id,
    disabled: { draggable: isRoot, droppable: isRoot || inDragged },
  });
  const { setNodeRef: setDropRef, isOver } = useDroppable({
    id: `${DROP_PREFIX}${node.id}`,
    disabled: dragging.has(node.id),
  });
  const messages = errors.get(node.id);
  const n = countRules(node);
  const Tag = isRoot ? "div" : "li";
  return (
    <Tag
      ref={isRoot ? undefined : setNodeRef}
      style={isRoot ? undefined : { transform: CSS.Translate.toString(transform), transition }}
      data-node={node.id}
      role={isRoot ? "group" : undefined}
      aria-label={`${isRoot ? "Rules" : "Group"}: ${GROUP_LABELS[node.type]} (${n} condition${n === 1 ? "" : "s"})`}
      className={cn(
        "flex min-w-0 flex-col gap-2 rounded-lg border p-1.5 sm:p-2",
        node.type === "all" && "border-sky-300 bg-sky-50/60 dark:border-sky-800 dark:bg-sky-950/30",
        node.type === "any" && "border-emerald-300 bg-emerald-50/60 dark:border-emerald-800 dark:bg-emerald-950/30",
        node.type === "not" && "border-rose-300 bg-rose-50/60 dark:border-rose-800 dark:bg-rose-950/30",
        messages && "ring-2 ring-destructive",
        isDragging && "relative z-10 opacity-80 shadow-lg",
      )}
    >
      <div className="flex min-w-0 flex-wrap items-center gap-1">
        {!isRoot && <Handle node={node} attributes={attributes} listeners={listeners} setRef={setActivatorNodeRef} />}
        <NativeSelect
          aria-label={isRoot ? "Bet when" : `Kind of group ${GROUP_LABELS[node.type]}`}
          className="h-8 w-auto font-medium"
          value={node.type}
          onChange={(e) =>
            change(updateNode(root, node.id, (g) => ({ ...(g as RuleGroup), type: e.target.value as GroupKind })))
          }
        >
          {(Object.keys(GROUP_LABELS) as GroupKind[]).map((k) => (
            <option key={k} value={k}>
              {GROUP_LABELS[k]}
            </option>
          ))}
        </NativeSelect>
        <span className="text-xs text-muted-foreground">
          {node.type === "not"
            ? "these must all be false"
            : node.type === "any"
              ? "at least one must hold"
              : "every one must hold"}
        </span>
        {!isRoot && (
          <div className="ml-auto">
            <ItemActions node={node} />
          </div>
        )}
        <Errors messages={messages} id={`${node.id}-errors`} />
      </div>
      <SortableContext items={node.children.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul className="flex min-w-0 flex-col gap-1.5 pl-0 sm:pl-2">
          {node.children.map((c) =>
            c.kind === "rule" ? <RuleRow key={c.id} node={c} /> : <GroupBox key={c.id} node={c} />,
          )}
        </ul>
      </SortableContext>
      <div
        ref={setDropRef}
        data-drop-for={node.id}
        className={cn(
          "flex flex-wrap items-center justify-between gap-1 rounded-md border border-dashed border-transparent p-1",
          activeAndNotSelf(dragging, node.id) && "border-muted-foreground/40",
          isOver && "border-primary bg-primary/10",
        )}
      >
        {node.children.length === 0 && (
          <span className="px-1 text-xs text-muted-foreground">Empty: add a condition or drop one here.</span>
        )}
        <AddButtons group={node} />
      </div>
    </Tag>
  );
}

const activeAndNotSelf = (dragging: ReadonlySet<string>, id: string) => dragging.size > 0 && !dragging.has(id);
