package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	extv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	kjson "k8s.io/apimachinery/pkg/util/json"
	kyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/yaml"

	"github.com/kubernetes-sigs/kro/api/v1alpha1"
	"github.com/kubernetes-sigs/kro/pkg/graph"
)

// textFile is a named file content, as the batch request carries it.
type textFile struct {
	Path string `json:"path"`
	Text string `json:"text"`
}

// verdictRequest is the batch input: CRD files every group sees, and groups of
// RGD files that are validated together (an RGD may use a kind a sibling defines).
type verdictRequest struct {
	CRDs   []textFile `json:"crds"`
	Groups []struct {
		ID    string     `json:"id"`
		Files []textFile `json:"files"`
	} `json:"groups"`
}

// verdict is the oracle's answer for one RGD document.
type verdict struct {
	Group            string          `json:"group,omitempty"`
	File             string          `json:"file"`
	Document         int             `json:"document"`
	Name             string          `json:"name"`
	Valid            bool            `json:"valid"`
	Error            string          `json:"error,omitempty"`
	TopologicalOrder []string        `json:"topologicalOrder"`
	CRD              json.RawMessage `json:"crd,omitempty"`
	// CRDError is set when kube-apiserver could not publish the CRD kro generated (kro's controller would
	// then fail to create it). The builder's verdict stays in Valid.
	CRDError string `json:"crdError,omitempty"`
}

// rgdConfig is kro's controller default (--rgd-max-collection-size, --rgd-max-collection-dimension-size).
var rgdConfig = graph.RGDConfig{MaxCollectionSize: 1000, MaxCollectionDimensionSize: 10}

type oracle struct {
	bundle    *bundle
	admission *admission
	supplied  []*extv1.CustomResourceDefinition
	api       *fakeAPIServer
	baseWorld *world
}

func newOracle(b *bundle, adm *admission, crdFiles []textFile) (*oracle, error) {
	o := &oracle{bundle: b, admission: adm}
	for _, f := range crdFiles {
		crds, err := readCRDs(f)
		if err != nil {
			return nil, err
		}
		o.supplied = append(o.supplied, crds...)
	}
	w, err := newWorld(b, o.supplied)
	if err != nil {
		return nil, err
	}
	o.baseWorld = w
	api, err := startFakeAPIServer()
	if err != nil {
		return nil, err
	}
	o.api = api
	return o, nil
}

// readCRDs reads every CustomResourceDefinition document of a file (List items included).
func readCRDs(f textFile) ([]*extv1.CustomResourceDefinition, error) {
	docs, err := splitYAML(f.Text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	var out []*extv1.CustomResourceDefinition
	var add func(obj map[string]any) error
	add = func(obj map[string]any) error {
		if items, ok := obj["items"].([]any); ok && strings.HasSuffix(fmt.Sprint(obj["kind"]), "List") {
			for _, it := range items {
				if m, ok := it.(map[string]any); ok {
					if err := add(m); err != nil {
						return err
					}
				}
			}
			return nil
		}
		if obj["kind"] != "CustomResourceDefinition" {
			return nil
		}
		data, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		crd := &extv1.CustomResourceDefinition{}
		if err := json.Unmarshal(data, crd); err != nil {
			return err
		}
		out = append(out, crd)
		return nil
	}
	for _, d := range docs {
		if d.obj != nil {
			if err := add(d.obj); err != nil {
				return nil, fmt.Errorf("%s: %w", f.Path, err)
			}
		}
	}
	return out, nil
}

type yamlDoc struct {
	obj map[string]any
	err error
}

// splitYAML splits a multi-document YAML text the way kubectl reads files and
// decodes each document to JSON-compatible values (int64 / float64 numbers).
func splitYAML(text string) ([]yamlDoc, error) {
	r := kyaml.NewYAMLReader(bufio.NewReader(strings.NewReader(text)))
	var out []yamlDoc
	for {
		chunk, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if len(bytes.TrimSpace(chunk)) == 0 {
			continue
		}
		j, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			out = append(out, yamlDoc{err: err})
			continue
		}
		if string(bytes.TrimSpace(j)) == "null" {
			continue
		}
		var obj map[string]any
		if err := kjson.Unmarshal(j, &obj); err != nil {
			out = append(out, yamlDoc{err: fmt.Errorf("the document is not an object: %w", err)})
			continue
		}
		out = append(out, yamlDoc{obj: obj})
	}
}

// rgdDoc is one RGD document of a group, admitted or rejected by the API server stage.
type rgdDoc struct {
	file     string
	document int
	name     string
	rgd      *v1alpha1.ResourceGraphDefinition
	rejected error
}

func (o *oracle) collect(files []textFile) []rgdDoc {
	var out []rgdDoc
	for _, f := range files {
		docs, err := splitYAML(f.Text)
		if err != nil {
			out = append(out, rgdDoc{file: f.Path, rejected: fmt.Errorf("YAML: %w", err)})
			continue
		}
		for i, d := range docs {
			if d.err != nil {
				out = append(out, rgdDoc{file: f.Path, document: i, rejected: fmt.Errorf("YAML: %w", d.err)})
				continue
			}
			if d.obj["kind"] != "ResourceGraphDefinition" {
				continue
			}
			doc := rgdDoc{file: f.Path, document: i}
			if md, ok := d.obj["metadata"].(map[string]any); ok {
				doc.name, _ = md["name"].(string)
			}
			if o.admission != nil {
				if err := o.admission.admit(d.obj); err != nil {
					doc.rejected = err
					out = append(out, doc)
					continue
				}
			} else {
				applySchemaDefaults(d.obj)
			}
			data, _ := json.Marshal(d.obj)
			rgd := &v1alpha1.ResourceGraphDefinition{}
			if err := json.Unmarshal(data, rgd); err != nil {
				doc.rejected = fmt.Errorf("decoding: %w", err)
			} else {
				doc.rgd = rgd
			}
			out = append(out, doc)
		}
	}
	return out
}

// applySchemaDefaults fills what the RGD CRD defaults when no CRD file is given.
func applySchemaDefaults(obj map[string]any) {
	spec, _ := obj["spec"].(map[string]any)
	schema, _ := spec["schema"].(map[string]any)
	if schema == nil {
		return
	}
	if _, ok := schema["group"]; !ok {
		schema["group"] = "kro.run"
	}
	if _, ok := schema["scope"]; !ok {
		schema["scope"] = "Namespaced"
	}
}

// build runs kro's graph builder against the given world.
func (o *oracle) build(w *world, docs []rgdDoc, group string) ([]verdict, []*extv1.CustomResourceDefinition, error) {
	o.api.current.Store(w)
	cfg := &rest.Config{Host: o.api.url, Timeout: 30 * time.Second, QPS: -1}
	builder, err := graph.NewBuilder(cfg, &http.Client{Timeout: 30 * time.Second})
	if err != nil {
		return nil, nil, err
	}
	var out []verdict
	var generated []*extv1.CustomResourceDefinition
	for _, d := range docs {
		v := verdict{Group: group, File: d.file, Document: d.document, Name: d.name, TopologicalOrder: []string{}}
		if d.rejected != nil {
			v.Error = d.rejected.Error()
			out = append(out, v)
			continue
		}
		g, err := buildSafely(builder, d.rgd)
		if err != nil {
			v.Error = err.Error()
			out = append(out, v)
			continue
		}
		v.Valid = true
		if g.TopologicalOrder != nil {
			v.TopologicalOrder = g.TopologicalOrder
		}
		if g.CRD != nil {
			crd := g.CRD.DeepCopy()
			crd.APIVersion = "apiextensions.k8s.io/v1"
			crd.Kind = "CustomResourceDefinition"
			var err error
			if v.CRD, err = json.Marshal(crd); err != nil {
				v.CRDError = "kro's CRD cannot be serialised: " + err.Error()
			} else if err := publishable(crd); err != nil {
				v.CRDError = err.Error()
			} else {
				generated = append(generated, crd)
			}
		}
		out = append(out, v)
	}
	return out, generated, nil
}

// buildSafely turns a panic inside kro's builder into an error (the controller would crash).
func buildSafely(b *graph.Builder, rgd *v1alpha1.ResourceGraphDefinition) (g *graph.Graph, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("kro's graph builder panicked: %v", r)
		}
	}()
	return b.NewResourceGraphDefinition(rgd, rgdConfig)
}

// verdicts validates one group: a first pass against the supplied CRDs, then, if
// any RGD produced a CRD, a second pass in a world that also serves those CRDs
// (supplied CRDs still win on the same kind), as if the whole group were applied.
func (o *oracle) verdicts(group string, files []textFile) ([]verdict, error) {
	docs := o.collect(files)
	first, generated, err := o.build(o.baseWorld, docs, group)
	if err != nil || len(generated) == 0 {
		return first, err
	}
	all := append(append([]*extv1.CustomResourceDefinition{}, generated...), o.supplied...)
	w, err := newWorld(o.bundle, all)
	if err != nil {
		return nil, err
	}
	second, _, err := o.build(w, docs, group)
	for _, crd := range generated {
		forgetCRD(crd)
	}
	return second, err
}
