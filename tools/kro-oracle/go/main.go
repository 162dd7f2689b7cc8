// Command kro-oracle answers, with kro v0.9.3's own code, what the TypeScript
// core of kro-designer computes: whether kro accepts an RGD (and its
// topological order and generated CRD), and what a CEL expression evaluates to
// in kro's environment. It runs offline: the "cluster" kro's builder asks for
// discovery and OpenAPI schemas is an in-process server on 127.0.0.1 built from
// the schema bundle the TypeScript core ships plus the CRD files given.
//
//	kro-oracle verdict -schemas kubernetes-1.35.json [-rgd-crd kro.run_resourcegraphdefinitions.yaml] [-crd file]... rgd.yaml...
//	kro-oracle verdict -schemas ... [-rgd-crd ...] -batch < request.json
//	kro-oracle eval < cases.json
//
// verdict prints one JSON object per RGD document and line. eval reads
// {"vectors":[{"id","expr","context"}]} and prints a JSON array of results.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"k8s.io/klog/v2"
)

type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	// client-go and kro log through klog; keep stderr for our own errors.
	klog.SetOutput(io.Discard)
	klog.LogToStderr(false)
	if len(os.Args) < 2 {
		fail(fmt.Errorf("usage: kro-oracle verdict|eval [flags]"))
	}
	switch os.Args[1] {
	case "verdict":
		fail(runVerdict(os.Args[2:]))
	case "eval":
		fail(runEval(os.Stdin, os.Stdout))
	default:
		fail(fmt.Errorf("unknown mode %q; expected verdict or eval", os.Args[1]))
	}
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "kro-oracle:", err)
		os.Exit(2)
	}
}

func runVerdict(args []string) error {
	fs := flag.NewFlagSet("verdict", flag.ContinueOnError)
	schemas := fs.String("schemas", "", "the TypeScript core's Kubernetes schema bundle (kubernetes-1.35.json)")
	rgdCRD := fs.String("rgd-crd", "", "kro's ResourceGraphDefinition CRD; enables the API server's checks and defaults")
	batch := fs.Bool("batch", false, "read a JSON request {crds, groups} from stdin instead of files")
	var crdPaths multiFlag
	fs.Var(&crdPaths, "crd", "a CRD file (YAML or JSON, multi-document); repeatable")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *schemas == "" {
		return fmt.Errorf("-schemas is required")
	}
	b, err := loadBundle(*schemas)
	if err != nil {
		return err
	}
	var adm *admission
	if *rgdCRD != "" {
		if adm, err = loadAdmission(*rgdCRD); err != nil {
			return err
		}
	}
	var req verdictRequest
	if *batch {
		if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
			return fmt.Errorf("reading the request: %w", err)
		}
	} else {
		files, err := readTextFiles(fs.Args())
		if err != nil {
			return err
		}
		req.Groups = append(req.Groups, struct {
			ID    string     `json:"id"`
			Files []textFile `json:"files"`
		}{ID: "", Files: files})
	}
	crdFiles, err := readTextFiles(crdPaths)
	if err != nil {
		return err
	}
	o, err := newOracle(b, adm, append(crdFiles, req.CRDs...))
	if err != nil {
		return err
	}
	defer o.api.close()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, g := range req.Groups {
		vs, err := o.verdicts(g.ID, g.Files)
		if err != nil {
			return fmt.Errorf("group %q: %w", g.ID, err)
		}
		for _, v := range vs {
			if err := enc.Encode(v); err != nil {
				return err
			}
		}
	}
	return nil
}

func readTextFiles(paths []string) ([]textFile, error) {
	var out []textFile
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, textFile{Path: p, Text: string(data)})
	}
	return out, nil
}

func runEval(in io.Reader, w io.Writer) error {
	var req struct {
		Vectors []celCase `json:"vectors"`
	}
	if err := json.NewDecoder(in).Decode(&req); err != nil {
		return fmt.Errorf("reading the cases: %w", err)
	}
	results := make([]celResult, 0, len(req.Vectors))
	for _, c := range req.Vectors {
		results = append(results, evaluate(c))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(results)
}
