import type { Diagnostic } from '@kro-designer/core';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { cycleEdgeIds, edgeId, SCHEMA_NODE_ID } from '../features/canvas/buildFlowGraph';
import { CanvasView } from '../features/canvas/CanvasView';
import { CrdView } from '../features/crd/CrdView';
import { DesignsDialog } from '../features/designs/DesignsDialog';
import { HistoryDialog } from '../features/designs/HistoryDialog';
import { WireDialog } from '../features/wire/WireDialog';
import { wireSourceFields } from '../features/wire/wireSourceFields';
import { EditorPane, type EditorHandle } from '../features/editor/EditorPane';
import { Palette } from '../features/palette/Palette';
import { UserMenu } from '../features/auth/UserMenu';
import { usePaletteKinds } from '../features/palette/usePaletteKinds';
import { PreviewPanel } from '../features/preview/PreviewPanel';
import { usePreview } from '../features/preview/usePreview';
import { ProblemsPanel } from '../features/problems/ProblemsPanel';
import { SchemaPanel } from '../features/schema/SchemaPanel';
import { ImportDialog } from '../features/starters/ImportDialog';
import type { ClusterCrdText, DesignSnapshot, KindSummary } from '../features/validation/protocol';
import { addResource } from '../store/commands/addResource';
import { applyFix } from '../store/commands/applyFix';
import { deleteResource } from '../store/commands/deleteResource';
import { renameResource } from '../store/commands/renameResource';
import { templatePaths, wireField } from '../store/commands/wireField';
import { DesignStore, type Command } from '../store/DesignStore';
import { nextResourceId, resourceSkeleton } from '../store/resourceSkeleton';
import { STARTERS } from '../features/starters/starters';
import { DesignToolbar } from './DesignToolbar';
import { TopBarStatus } from './TopBarStatus';
import { useDesignSession } from './useDesignSession';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { useTheme } from './useTheme';
import { useValidation } from './useValidation';
import { errorMessage } from '../ui/errorMessage';
import { ClusterSwitcher } from '../features/clusters/ClusterSwitcher';
import { ClusterDialogs } from '../features/deploy/ClusterDialogs';
import { withClusterDiagnostics } from '../features/deploy/clusterDiagnostics';
import { DeployControls, deployedSummary } from '../features/deploy/DeployControls';
import { useClusterSession } from '../features/deploy/useClusterSession';
import { InstancesTab } from '../features/deploy/InstancesTab';
import { LiveHeader } from '../features/live/LiveHeader';
import { LiveNodePanel } from '../features/live/LiveNodePanel';
import { LiveTimeline } from '../features/live/LiveTimeline';

const DRAFT_KEY = 'kro-designer.draft';

function initialText(): string {
  const starter = new URLSearchParams(location.search).get('starter');
  const fromUrl = STARTERS.find((s) => s.id === starter);
  if (fromUrl) return fromUrl.text;
  return localStorage.getItem(DRAFT_KEY) ?? STARTERS.find((s) => s.id === 'webapp')!.text;
}

/** Edge ids to highlight for a cycle diagnostic: the reported cycle through the resources it names. */
function cycleEdgesOf(d: Diagnostic, snapshot: DesignSnapshot | undefined): Set<string> {
  const ids = new Set((d.related ?? []).map((r) => r.resourceId).filter((x): x is string => x !== undefined));
  if (d.resourceId) ids.add(d.resourceId);
  const cycle = snapshot?.rgd?.cycles.find((c) => c.every((id) => ids.has(id)) && ids.size === new Set(c).size);
  if (cycle) return new Set(cycleEdgeIds(cycle));
  return new Set((snapshot?.rgd?.edges ?? []).filter((e) => ids.has(e.from) && ids.has(e.to)).map((e) => edgeId(e.to, e.from)));
}

export function App() {
  const store = useMemo(() => new DesignStore(initialText()), []);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  // The selected cluster's CRDs (read with the palette's kinds, below) are type-checked against too.
  const [clusterCrds, setClusterCrds] = useState<readonly ClusterCrdText[]>([]);
  const { snapshot: validated, kinds, rgdJsonSchema, workerError, query, render } = useValidation(state, clusterCrds);
  // Deploy needs the verdict on the text in the editor, so a snapshot of an older text counts as still validating.
  const current = validated && validated.version === state.version ? validated : undefined;
  const cluster = useClusterSession(current, state.text, current?.diagnostics.filter((d) => d.severity === 'error').length ?? 0);
  // The cluster's located diagnostics (dry-run, kro's rejection) join the validator's while the text is unchanged.
  const snapshot = useMemo(() => withClusterDiagnostics(validated, state.text, cluster.clusterDiagnostics), [validated, state.text, cluster.clusterDiagnostics]);
  const [leftTab, setLeftTab] = useState<'yaml' | 'preview' | 'live'>('yaml');
  const [bottomTab, setBottomTab] = useState<'problems' | 'timeline'>('problems');
  // The live view can end without its close button (another cluster or RGD): the left pane goes back to the text.
  useEffect(() => {
    if (!cluster.liveTarget) setLeftTab((t) => (t === 'live' ? 'yaml' : t));
  }, [cluster.liveTarget]);
  const preview = usePreview(leftTab === 'preview', snapshot, render);
  const [theme, toggleTheme] = useTheme();
  const editor = useRef<EditorHandle>(null);
  const [selectedId, setSelectedId] = useState<string>();
  const [focus, setFocus] = useState<{ ids: readonly string[] }>();
  const [cycleEdges, setCycleEdges] = useState<ReadonlySet<string>>(new Set());
  const [activeProblem, setActiveProblem] = useState<number>();
  const [rightTab, setRightTab] = useState<'graph' | 'schema' | 'crd' | 'instances'>('graph');
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<{ text: string; kind: 'info' | 'error' }>();
  const session = useDesignSession(store, state);
  const paletteCluster = cluster.clusters.selected;
  const serverKinds = usePaletteKinds(session.server === 'available', paletteCluster ? { id: paletteCluster.id, name: paletteCluster.name } : undefined, snapshot?.rgd?.kind);
  useEffect(() => setClusterCrds(serverKinds.crds), [serverKinds.crds]);
  const [designsOpen, setDesignsOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [wiring, setWiring] = useState<{ expression: string; targetId: string; paths: readonly string[] }>();
  const saveRef = useRef<() => void>(() => undefined);
  saveRef.current = () => {
    if (session.server !== 'available') return;
    if (session.design) void session.save();
    else setDesignsOpen(true);
  };

  // The draft survives reloads in this browser; server storage comes with the API's designs.
  useEffect(() => {
    const t = setTimeout(() => localStorage.setItem(DRAFT_KEY, state.text), 300);
    return () => clearTimeout(t);
  }, [state.text]);

  useEffect(() => {
    if (state.source !== 'editor' && state.label) setNotice({ text: state.label, kind: 'info' });
  }, [state]);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(undefined), notice.kind === 'error' ? 6000 : 2500);
    return () => clearTimeout(t);
  }, [notice]);

  // A highlighted problem belongs to the text it was found in.
  useEffect(() => {
    setActiveProblem(undefined);
    setCycleEdges(new Set());
  }, [state.version]);

  const run = useCallback(
    (command: Command) => {
      const result = store.apply(command);
      if (!result.ok) setNotice({ text: result.message, kind: 'error' });
      return result.ok;
    },
    [store],
  );

  const addKind = useCallback(
    (kind: KindSummary) => {
      const taken = snapshot?.rgd?.resources.map((r) => r.id) ?? [];
      const id = nextResourceId(kind.kind, taken);
      if (run(addResource({ id, template: resourceSkeleton(kind, id) }))) setSelectedId(id);
    },
    [run, snapshot],
  );

  const reveal = useCallback(
    (id: string) => {
      setLeftTab('yaml');
      if (id === SCHEMA_NODE_ID) {
        const span = snapshot?.rgd?.schemaSpan;
        if (span) editor.current?.reveal(span);
        return;
      }
      const r = snapshot?.rgd?.resources.find((x) => x.id === id);
      if (r) editor.current?.reveal(r.idSpan);
    },
    [snapshot],
  );

  const activateProblem = useCallback(
    (d: Diagnostic, index: number) => {
      setActiveProblem(index);
      setLeftTab('yaml');
      setBottomTab('problems');
      editor.current?.reveal(d.span);
      const target = d.resourceId ?? (d.path.startsWith('spec.schema') ? SCHEMA_NODE_ID : undefined);
      setSelectedId(target);
      const related = (d.related ?? []).map((r) => r.resourceId).filter((x): x is string => x !== undefined);
      setFocus({ ids: [...new Set([...(target ? [target] : []), ...related])] });
      setCycleEdges(d.code === 'graph/cycle' ? cycleEdgesOf(d, snapshot) : new Set());
      if (d.resourceId || d.code === 'graph/cycle') setRightTab('graph');
    },
    [snapshot],
  );

  // An RGD problem named in the preview: the same diagnostic of the validation, activated as in the problems list.
  const showProblem = useCallback(
    (d: Diagnostic) => {
      const index = snapshot?.diagnostics.findIndex((x) => x.code === d.code && x.span.start === d.span.start) ?? -1;
      setLeftTab('yaml');
      if (index >= 0) activateProblem(snapshot!.diagnostics[index]!, index);
      else editor.current?.reveal(d.span);
    },
    [snapshot, activateProblem],
  );

  const onCursor = useCallback(
    (offset: number) => {
      const r = snapshot?.rgd?.resources.find((x) => x.span.start <= offset && offset <= x.span.end);
      if (r && r.id !== '') setSelectedId(r.id);
    },
    [snapshot],
  );

  useGlobalShortcuts(store, saveRef);

  const counts = useMemo(() => {
    const c = { error: 0, warning: 0, info: 0 };
    for (const d of snapshot?.diagnostics ?? []) c[d.severity]++;
    return c;
  }, [snapshot]);
  const stale = snapshot !== undefined && snapshot.version !== state.version;

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◇
          </span>
          <span className="brand-word">kro-designer</span>
          {(session.design?.name ?? snapshot?.rgd?.name) && (
            <span className="design-name" title={`${session.design?.name ?? snapshot?.rgd?.name} (${session.design ? 'stored design' : 'metadata.name of the RGD'})`}>
              {session.design?.name ?? snapshot?.rgd?.name}
            </span>
          )}
        </div>
        <DesignToolbar
          store={store}
          state={state}
          session={session}
          onImport={() => setImporting(true)}
          onDesigns={() => setDesignsOpen(true)}
          onSave={() => saveRef.current()}
          onHistory={() => setHistoryOpen(true)}
        />
        <div className="cluster-bar" role="group" aria-label="Cluster">
          <ClusterSwitcher clusters={cluster.clusters} detail={cluster.clusters.selected ? deployedSummary(cluster.deployed, cluster.clusters.selected.name) : undefined} />
          <DeployControls gate={cluster.gate} onDeploy={() => cluster.setDeployOpen(true)} />
        </div>
        <TopBarStatus notice={notice} session={session} snapshot={snapshot} errors={counts.error} stale={stale} theme={theme} onToggleTheme={toggleTheme} />
        <UserMenu />
      </header>

      <main className="workspace">
        <section className="pane editor-pane" aria-label="YAML editor and instance preview">
          <div className="pane-header tabs" role="tablist">
            <button type="button" role="tab" aria-selected={leftTab === 'yaml'} className={leftTab === 'yaml' ? 'tab active' : 'tab'} onClick={() => setLeftTab('yaml')} data-testid="tab-yaml">
              rgd.yaml
            </button>
            <button type="button" role="tab" aria-selected={leftTab === 'preview'} className={leftTab === 'preview' ? 'tab active' : 'tab'} onClick={() => setLeftTab('preview')} data-testid="tab-preview" title="Render an instance: what kro would create">
              Preview
            </button>
            {cluster.liveTarget && (
              <button type="button" role="tab" aria-selected={leftTab === 'live'} className={leftTab === 'live' ? 'tab active' : 'tab'} onClick={() => setLeftTab('live')} data-testid="tab-live-node" title="The selected node of the live instance">
                Live node
              </button>
            )}
            <span className="spacer" />
            {leftTab === 'yaml' && <span className="muted">completion inside {'${…}'}: Ctrl+Space</span>}
          </div>
          {leftTab === 'preview' && (
            <PreviewPanel
              snapshot={snapshot}
              model={preview}
              selectedId={selectedId}
              onSelect={(id) => {
                setSelectedId(id);
                setFocus({ ids: [id] });
                setRightTab('graph');
              }}
              onShowProblem={showProblem}
            />
          )}
          {leftTab === 'live' && cluster.liveTarget && (
            <LiveNodePanel
              instance={cluster.live.view.instance}
              nodeId={selectedId}
              rendered={cluster.rendered}
              onSelectNode={(id) => {
                setSelectedId(id);
                setFocus({ ids: [id] });
              }}
            />
          )}
          <div className="editor-slot" hidden={leftTab !== 'yaml'}>
          <EditorPane store={store} snapshot={snapshot} theme={theme} rgdJsonSchema={rgdJsonSchema} query={(_m, offset) => query(store.getState().version, offset)} onCursorResource={onCursor} handle={editor} />
          </div>
        </section>
        <section className="pane canvas-pane" aria-label="Graph and CRD">
          <div className="pane-header tabs" role="tablist">
            <button type="button" role="tab" aria-selected={rightTab === 'graph'} className={rightTab === 'graph' ? 'tab active' : 'tab'} onClick={() => setRightTab('graph')} data-testid="tab-graph">
              Graph
              {snapshot?.rgd && <span className="tab-count">{snapshot.rgd.resources.length}</span>}
            </button>
            <button type="button" role="tab" aria-selected={rightTab === 'schema'} className={rightTab === 'schema' ? 'tab active' : 'tab'} onClick={() => setRightTab('schema')} data-testid="tab-schema">
              Schema
              {snapshot?.rgd && <span className="tab-count">{snapshot.rgd.schema.spec.filter((f) => f.path.length === 1).length}</span>}
            </button>
            <button type="button" role="tab" aria-selected={rightTab === 'crd'} className={rightTab === 'crd' ? 'tab active' : 'tab'} onClick={() => setRightTab('crd')} data-testid="tab-crd">
              Generated CRD
            </button>
            <button type="button" role="tab" aria-selected={rightTab === 'instances'} className={rightTab === 'instances' ? 'tab active' : 'tab'} onClick={() => setRightTab('instances')} data-testid="tab-instances" title="Instances of this RGD on the selected cluster">
              Instances
            </button>
            <span className="spacer" />
            {rightTab === 'graph' && (
              <span className="legend" aria-label="Legend">
                <span className="legend-item schema-edge">schema</span>
                <span className="legend-item dep-edge">dependency</span>
              </span>
            )}
          </div>
          {rightTab === 'graph' && cluster.liveTarget && (
            <LiveHeader
              target={cluster.liveTarget}
              clusterName={cluster.clusters.selected?.name ?? cluster.liveTarget.cluster}
              view={cluster.live.view}
              stream={cluster.live.stream}
              onEdit={() => cluster.liveTarget && cluster.editInstance(cluster.liveTarget)}
              onDelete={() => cluster.setDeleteTarget(cluster.liveTarget)}
              onClose={() => {
                cluster.closeLive();
                if (leftTab === 'live') setLeftTab('yaml');
                setBottomTab('problems');
              }}
            />
          )}
          {rightTab === 'graph' ? (
            <CanvasView
              rgd={snapshot?.rgd}
              diagnostics={snapshot?.diagnostics ?? []}
              loading={!snapshot}
              selectedId={selectedId}
              focus={focus}
              cycleEdges={cycleEdges}
              theme={theme}
              onSelect={(id) => {
                setSelectedId(id);
                // In the live view a picked node opens its live details beside the graph.
                if (cluster.liveTarget && id !== undefined && id !== SCHEMA_NODE_ID) setLeftTab('live');
              }}
              onReveal={reveal}
              onDelete={(id) => {
                if (run(deleteResource(id))) setSelectedId(undefined);
              }}
              onRename={(id, newId) => {
                const result = store.apply(renameResource(id, newId));
                if (!result.ok) return result.message;
                setSelectedId(newId);
                return undefined;
              }}
              onDropKind={(payload) => {
                try {
                  addKind(JSON.parse(payload) as KindSummary);
                } catch (cause) {
                  setNotice({ text: `Could not read the dropped kind: ${errorMessage(cause)}`, kind: 'error' });
                }
              }}
              onWire={(expression, targetId) => setWiring({ expression, targetId, paths: templatePaths(store.getState().text, targetId) })}
              palette={<Palette kinds={kinds} serverKinds={serverKinds} enabled={snapshot?.rgd !== undefined} onAdd={addKind} />}
              {...(cluster.overlays ? { overlays: cluster.overlays } : leftTab === 'preview' ? { overlays: preview.overlays } : {})}
            />
          ) : rightTab === 'schema' ? (
            <SchemaPanel rgd={snapshot?.rgd} run={run} />
          ) : (
            rightTab === 'crd' ? (
              <CrdView rgd={snapshot?.rgd} />
            ) : (
              <InstancesTab
                session={cluster}
                rgdName={snapshot?.rgd?.name}
                onOpenLive={(ref) => {
                  cluster.openLive(ref);
                  setRightTab('graph');
                  setBottomTab('timeline');
                }}
              />
            )
          )}
        </section>
      </main>

      <section className="problems" aria-label="Problems">
        <div className="pane-header">
          {cluster.liveTarget ? (
            <span className="tabs bottom-tabs" role="tablist">
              <button type="button" role="tab" aria-selected={bottomTab === 'problems'} className={bottomTab === 'problems' ? 'tab active' : 'tab'} onClick={() => setBottomTab('problems')} data-testid="tab-problems">
                Problems
              </button>
              <button type="button" role="tab" aria-selected={bottomTab === 'timeline'} className={bottomTab === 'timeline' ? 'tab active' : 'tab'} onClick={() => setBottomTab('timeline')} data-testid="tab-timeline">
                Timeline
              </button>
            </span>
          ) : (
            <span className="pane-title">Problems</span>
          )}
          <span className={`count error${counts.error ? '' : ' zero'}`} data-testid="count-errors">
            {counts.error} error{counts.error === 1 ? '' : 's'}
          </span>
          <span className={`count warning${counts.warning ? '' : ' zero'}`}>
            {counts.warning} warning{counts.warning === 1 ? '' : 's'}
          </span>
          <span className="spacer" />
          {snapshot && <span className="muted timing">validated in {snapshot.elapsedMs.toFixed(0)} ms</span>}
        </div>
        {workerError && (
          <div className="worker-error" role="alert">
            {workerError}
          </div>
        )}
        {cluster.liveTarget && bottomTab === 'timeline' ? (
          <LiveTimeline
            view={cluster.live.view}
            onSelectNode={(id) => {
              setSelectedId(id);
              setFocus({ ids: [id] });
              setLeftTab('live');
            }}
          />
        ) : (
        <ProblemsPanel
          snapshot={snapshot}
          activeIndex={activeProblem}
          onActivate={activateProblem}
          onFix={snapshot && !stale ? (d) => d.fixes?.[0] && run(applyFix(d.fixes[0], state.text)) : undefined}
        />
        )}
      </section>

      {designsOpen && (
        <DesignsDialog
          api={session.api}
          suggestedName={session.design?.name ?? snapshot?.rgd?.name ?? 'my-design'}
          openId={session.design?.id}
          onOpen={session.open}
          onSaveAs={(name) => session.save(name)}
          onClose={() => setDesignsOpen(false)}
        />
      )}
      {historyOpen && session.design && (
        <HistoryDialog
          api={session.api}
          designId={session.design.id}
          designName={session.design.name}
          head={session.design.revision}
          dirty={state.text !== session.design.savedText}
          onRestore={session.restore}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      {wiring && (
        <WireDialog
          expression={wiring.expression}
          targetId={wiring.targetId}
          paths={wiring.paths}
          {...wireSourceFields(wiring.expression, snapshot?.rgd, kinds)}
          onWire={(path, source) => {
            const ok = run(wireField(wiring.targetId, path, source));
            if (ok) setSelectedId(wiring.targetId);
            return ok;
          }}
          onClose={() => setWiring(undefined)}
        />
      )}
      <ClusterDialogs
        session={cluster}
        snapshot={snapshot}
        text={state.text}
        design={session.design && state.text === session.design.savedText ? { id: session.design.id, revision: session.design.revision } : undefined}
        onReveal={(d) => {
          const index = snapshot?.diagnostics.findIndex((x) => x.code === d.code && x.span.start === d.span.start && x.message === d.message) ?? -1;
          // Not listed yet when it was just added (the merged snapshot comes with the next render): reveal it anyway.
          activateProblem(index >= 0 ? snapshot!.diagnostics[index]! : d, index);
        }}
        onShowGraph={() => {
          setRightTab('graph');
          setBottomTab('timeline');
        }}
      />
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImport={(text, name) => {
            session.detach();
            store.load(text, `Imported ${name} (Undo to go back)`);
            setImporting(false);
          }}
        />
      )}
    </div>
  );
}
