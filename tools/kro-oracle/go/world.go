package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	extv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/controller/openapi/builder"
)

// bundle is the subset of packages/core/src/schemas/kubernetes-1.35.json this
// program reads: the kinds the API server serves and their component schemas.
type bundle struct {
	FormatVersion int    `json:"formatVersion"`
	Kubernetes    string `json:"kubernetesVersion"`
	Kinds         []struct {
		Group      string `json:"group"`
		Version    string `json:"version"`
		Kind       string `json:"kind"`
		Plural     string `json:"plural"`
		Namespaced bool   `json:"namespaced"`
		Schema     string `json:"schema"`
	} `json:"kinds"`
	Schemas map[string]json.RawMessage `json:"schemas"`
}

func loadBundle(path string) (*bundle, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var b bundle
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if b.FormatVersion != 1 {
		return nil, fmt.Errorf("%s: unsupported bundle formatVersion %d", path, b.FormatVersion)
	}
	return &b, nil
}

type gvRef struct {
	GroupVersion string `json:"groupVersion"`
	Version      string `json:"version"`
}

type apiGroup struct {
	Name             string  `json:"name"`
	Versions         []gvRef `json:"versions"`
	PreferredVersion gvRef   `json:"preferredVersion"`
}

// apiResource is one served kind as discovery lists it.
type apiResource struct {
	Name         string   `json:"name"`
	SingularName string   `json:"singularName"`
	Namespaced   bool     `json:"namespaced"`
	Kind         string   `json:"kind"`
	Verbs        []string `json:"verbs"`
}

// world is what the fake API server serves at one moment: discovery documents
// and OpenAPI v3 documents, pre-rendered as bytes.
type world struct {
	docs map[string][]byte // URL path -> JSON body
}

var verbs = []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}

// groupVersion collects what one group-version serves.
type groupVersion struct {
	group, version string
	resources      []apiResource
	schemas        map[string]json.RawMessage // OpenAPI components
	hasCRDs        bool
}

// builtinDocs caches the rendered documents of group-versions that serve built-ins only:
// every world serves them unchanged. Keyed by URL path.
var builtinDocs sync.Map

func (gv *groupVersion) path() string {
	if gv.group == "" {
		return "api/" + gv.version
	}
	return "apis/" + gv.group + "/" + gv.version
}

// crdDocCache keeps the published OpenAPI of supplied CRDs across worlds.
var crdDocCache sync.Map // *extv1.CustomResourceDefinition + version -> map[string]json.RawMessage

// newWorld renders the built-ins plus the given CRDs. A CRD's kind replaces a
// built-in kind of the same group, version and kind; later CRDs win over earlier ones.
func newWorld(b *bundle, crds []*extv1.CustomResourceDefinition) (*world, error) {
	gvs := map[string]*groupVersion{}
	get := func(group, version string) *groupVersion {
		key := group + "/" + version
		gv := gvs[key]
		if gv == nil {
			gv = &groupVersion{group: group, version: version, schemas: map[string]json.RawMessage{}}
			gvs[key] = gv
		}
		return gv
	}
	type gvk struct{ g, v, k string }
	seen := map[gvk]int{}
	for _, k := range b.Kinds {
		gv := get(k.Group, k.Version)
		seen[gvk{k.Group, k.Version, k.Kind}] = len(gv.resources)
		gv.resources = append(gv.resources, apiResource{Name: k.Plural, SingularName: strings.ToLower(k.Kind), Namespaced: k.Namespaced, Kind: k.Kind, Verbs: verbs})
		closeOver(b.Schemas, k.Schema, gv.schemas)
	}
	for _, crd := range crds {
		for i := range crd.Spec.Versions {
			v := &crd.Spec.Versions[i]
			if !v.Served {
				continue
			}
			gv := get(crd.Spec.Group, v.Name)
			gv.hasCRDs = true
			res := apiResource{Name: crd.Spec.Names.Plural, SingularName: crd.Spec.Names.Singular, Namespaced: crd.Spec.Scope != extv1.ClusterScoped, Kind: crd.Spec.Names.Kind, Verbs: verbs}
			key := gvk{crd.Spec.Group, v.Name, crd.Spec.Names.Kind}
			if idx, ok := seen[key]; ok {
				gv.resources[idx] = res
				// Drop the schemas that carry this kind's GVK; the CRD's document replaces them.
				for name, s := range gv.schemas {
					if hasGVK(s, key.g, key.v, key.k) {
						delete(gv.schemas, name)
					}
				}
			} else {
				seen[key] = len(gv.resources)
				gv.resources = append(gv.resources, res)
			}
			comps, err := publishCRD(crd, v.Name)
			if err != nil {
				return nil, fmt.Errorf("CRD %s version %s: %w", crd.Name, v.Name, err)
			}
			for name, s := range comps {
				gv.schemas[name] = s
			}
		}
	}

	w := &world{docs: map[string][]byte{}}
	put := func(path string, v any) error {
		if cached, ok := builtinDocs.Load(path); ok {
			w.docs[path] = cached.([]byte)
			return nil
		}
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		w.docs[path] = data
		return nil
	}
	keys := make([]string, 0, len(gvs))
	for k := range gvs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	groups := map[string]*apiGroup{}
	var groupOrder []string
	openapiPaths := map[string]map[string]string{}
	for _, k := range keys {
		gv := gvs[k]
		gvName := gv.version
		if gv.group != "" {
			gvName = gv.group + "/" + gv.version
			g := groups[gv.group]
			if g == nil {
				g = &apiGroup{Name: gv.group}
				groups[gv.group] = g
				groupOrder = append(groupOrder, gv.group)
			}
			g.Versions = append(g.Versions, gvRef{gvName, gv.version})
		}
		putGV := put
		if !gv.hasCRDs {
			putGV = func(path string, v any) error {
				if err := put(path, v); err != nil {
					return err
				}
				builtinDocs.Store(path, w.docs[path])
				return nil
			}
		} else {
			putGV = func(path string, v any) error {
				data, err := json.Marshal(v)
				w.docs[path] = data
				return err
			}
		}
		if err := putGV("/"+gv.path(), map[string]any{"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gvName, "resources": withStatus(gv.resources)}); err != nil {
			return nil, err
		}
		doc := map[string]any{
			"openapi":    "3.0.0",
			"info":       map[string]string{"title": "Kubernetes", "version": b.Kubernetes},
			"paths":      map[string]any{},
			"components": map[string]any{"schemas": gv.schemas},
		}
		if err := putGV("/openapi/v3/"+gv.path(), doc); err != nil {
			return nil, err
		}
		openapiPaths[gv.path()] = map[string]string{"serverRelativeURL": "/openapi/v3/" + gv.path()}
	}
	var groupList []apiGroup
	for _, name := range groupOrder {
		g := groups[name]
		g.PreferredVersion = preferred(g.Versions)
		groupList = append(groupList, *g)
		if err := put("/apis/"+name, map[string]any{"kind": "APIGroup", "apiVersion": "v1", "name": g.Name, "versions": g.Versions, "preferredVersion": g.PreferredVersion}); err != nil {
			return nil, err
		}
	}
	if err := put("/api", map[string]any{"kind": "APIVersions", "versions": []string{"v1"}, "serverAddressByClientCIDRs": []any{}}); err != nil {
		return nil, err
	}
	if err := put("/apis", map[string]any{"kind": "APIGroupList", "apiVersion": "v1", "groups": groupList}); err != nil {
		return nil, err
	}
	if err := put("/openapi/v3", map[string]any{"paths": openapiPaths}); err != nil {
		return nil, err
	}
	return w, nil
}

// preferred picks the version kube-apiserver would prefer: the highest by Kubernetes' version ordering
// (GA > beta > alpha, then by number). Only used for discovery; kro always names the version.
func preferred(vs []gvRef) gvRef {
	best := vs[0]
	for _, v := range vs[1:] {
		if versionRank(v.Version) > versionRank(best.Version) {
			best = v
		}
	}
	return best
}

func versionRank(v string) int {
	var major, minor int
	switch {
	case strings.Contains(v, "alpha"):
		fmt.Sscanf(v, "v%dalpha%d", &major, &minor)
		return major*1000 + minor
	case strings.Contains(v, "beta"):
		fmt.Sscanf(v, "v%dbeta%d", &major, &minor)
		return 100000 + major*1000 + minor
	default:
		fmt.Sscanf(v, "v%d", &major)
		return 1000000 + major
	}
}

func withStatus(rs []apiResource) []apiResource {
	out := make([]apiResource, 0, 2*len(rs))
	for _, r := range rs {
		out = append(out, r, apiResource{Name: r.Name + "/status", Namespaced: r.Namespaced, Kind: r.Kind, Verbs: []string{"get", "patch", "update"}})
	}
	return out
}

// closeOver copies schema `name` and every schema it references into out.
func closeOver(all map[string]json.RawMessage, name string, out map[string]json.RawMessage) {
	if _, done := out[name]; done {
		return
	}
	s, ok := all[name]
	if !ok {
		return
	}
	out[name] = s
	text := string(s)
	const prefix = `"#/components/schemas/`
	for {
		i := strings.Index(text, prefix)
		if i < 0 {
			return
		}
		text = text[i+len(prefix):]
		j := strings.IndexByte(text, '"')
		if j < 0 {
			return
		}
		closeOver(all, text[:j], out)
		text = text[j:]
	}
}

func hasGVK(s json.RawMessage, g, v, k string) bool {
	var probe struct {
		GVK []struct{ Group, Version, Kind string } `json:"x-kubernetes-group-version-kind"`
	}
	if json.Unmarshal(s, &probe) != nil {
		return false
	}
	for _, x := range probe.GVK {
		if x.Group == g && x.Version == v && x.Kind == k {
			return true
		}
	}
	return false
}

type crdDocKey struct {
	crd     *extv1.CustomResourceDefinition
	version string
}

// publishCRD returns the OpenAPI v3 component schemas kube-apiserver publishes for one
// CRD version, produced by apiextensions-apiserver's own OpenAPI builder.
func publishCRD(crd *extv1.CustomResourceDefinition, version string) (map[string]json.RawMessage, error) {
	key := crdDocKey{crd, version}
	if cached, ok := crdDocCache.Load(key); ok {
		return cached.(map[string]json.RawMessage), nil
	}
	doc, err := builder.BuildOpenAPIV3(crd, version, builder.Options{V2: false})
	if err != nil {
		return nil, err
	}
	out := map[string]json.RawMessage{}
	if doc.Components != nil {
		for name, s := range doc.Components.Schemas {
			data, err := json.Marshal(s)
			if err != nil {
				return nil, err
			}
			out[name] = data
		}
	}
	crdDocCache.Store(key, out)
	return out, nil
}

// fakeAPIServer serves the current world on 127.0.0.1 only. Nothing leaves the process.
type fakeAPIServer struct {
	url     string
	current atomic.Pointer[world]
	server  *http.Server
}

func startFakeAPIServer() (*fakeAPIServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &fakeAPIServer{url: "http://" + ln.Addr().String()}
	s.server = &http.Server{Handler: http.HandlerFunc(s.serve)}
	go func() { _ = s.server.Serve(ln) }()
	return s, nil
}

func (s *fakeAPIServer) serve(w http.ResponseWriter, r *http.Request) {
	cur := s.current.Load()
	var body []byte
	if cur != nil && r.Method == http.MethodGet {
		body = cur.docs[strings.TrimSuffix(r.URL.Path, "/")]
	}
	w.Header().Set("Content-Type", "application/json")
	if body == nil {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}`))
		return
	}
	_, _ = w.Write(body)
}

func (s *fakeAPIServer) close() { _ = s.server.Close() }

// forgetCRD drops the cached OpenAPI of a CRD that no later world will serve.
func forgetCRD(crd *extv1.CustomResourceDefinition) {
	for i := range crd.Spec.Versions {
		crdDocCache.Delete(crdDocKey{crd, crd.Spec.Versions[i].Name})
	}
}

// publishable reports whether kube-apiserver's OpenAPI builder accepts every served version of a CRD.
func publishable(crd *extv1.CustomResourceDefinition) error {
	for i := range crd.Spec.Versions {
		if _, err := publishCRD(crd, crd.Spec.Versions[i].Name); err != nil {
			return fmt.Errorf("version %s: %w", crd.Spec.Versions[i].Name, err)
		}
	}
	return nil
}
