package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	extv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	celvalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	metavalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/validation/field"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"sigs.k8s.io/yaml"
)

// admission plays the part of kube-apiserver when an RGD is created: the checks
// and defaults of kro's ResourceGraphDefinition CRD (strict field validation,
// structural defaulting, OpenAPI validation, x-kubernetes-validations rules,
// ObjectMeta name rules), run with apiextensions-apiserver's own code.
type admission struct {
	version    string
	structural *structuralschema.Structural
	validator  apiservervalidation.SchemaValidator
	cel        *celvalidation.Validator
}

// loadAdmission reads kro's RGD CRD (helm/crds/kro.run_resourcegraphdefinitions.yaml
// from the kro module) and prepares its v1alpha1 schema.
func loadAdmission(path string) (*admission, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var crd extv1.CustomResourceDefinition
	if err := yaml.Unmarshal(data, &crd); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, v := range crd.Spec.Versions {
		if !v.Served || v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
			continue
		}
		internal := &apiextensions.JSONSchemaProps{}
		if err := extv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(v.Schema.OpenAPIV3Schema, internal, nil); err != nil {
			return nil, err
		}
		ss, err := structuralschema.NewStructural(internal)
		if err != nil {
			return nil, err
		}
		validator, _, err := apiservervalidation.NewSchemaValidator(internal)
		if err != nil {
			return nil, err
		}
		return &admission{
			version:    crd.Spec.Group + "/" + v.Name,
			structural: ss,
			validator:  validator,
			cel:        celvalidation.NewValidator(ss, true, celconfig.PerCallLimit),
		}, nil
	}
	return nil, fmt.Errorf("%s: no served version with a schema", path)
}

// admit checks and defaults obj in place, returning the API server's rejection if any.
func (a *admission) admit(obj map[string]any) error {
	if av, _ := obj["apiVersion"].(string); av != a.version {
		return fmt.Errorf("no matches for kind %q in version %q", obj["kind"], av)
	}
	var errs field.ErrorList
	// kubectl (>= 1.27) asks for strict field validation: unknown fields are errors, not pruned silently.
	opts := structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true}
	unknown := pruning.PruneWithOptions(obj, a.structural, true, opts)
	for _, p := range unknown {
		errs = append(errs, field.Invalid(field.NewPath(p), nil, fmt.Sprintf("unknown field %q", p)))
	}
	defaulting.Default(obj, a.structural)
	u := &unstructured.Unstructured{Object: obj}
	// RGDs are cluster-scoped: on create, kube-apiserver clears a namespace set in the object
	// (k8s.io/apiserver/pkg/registry/rest EnsureObjectNamespaceMatchesRequestNamespace) instead of rejecting it.
	u.SetNamespace("")
	errs = append(errs, metavalidation.ValidateObjectMetaAccessor(u, false, metavalidation.NameIsDNSSubdomain, field.NewPath("metadata"))...)
	errs = append(errs, apiservervalidation.ValidateCustomResource(nil, obj, a.validator)...)
	if a.cel != nil {
		celErrs, _ := a.cel.Validate(context.Background(), nil, a.structural, obj, nil, celconfig.RuntimeCELCostBudget)
		errs = append(errs, celErrs...)
	}
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return fmt.Errorf("the API server rejects the RGD: %s", strings.Join(msgs, "; "))
}
