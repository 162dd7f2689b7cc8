package main

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"
	apiservercel "k8s.io/apiserver/pkg/cel"

	krocel "github.com/kubernetes-sigs/kro/pkg/cel"
	"github.com/kubernetes-sigs/kro/pkg/cel/library"
)

// celCase is one expression to evaluate; context values are JSON where
// {"$int": "5"} is an int64 and {"$uint": "5"} a uint64 (plain numbers are doubles).
type celCase struct {
	ID      string         `json:"id"`
	Expr    string         `json:"expr"`
	Context map[string]any `json:"context,omitempty"`
}

// celResult carries exactly one of value (canonical text), error (evaluation)
// or checkError (compile error, first line, without cel-go's location prefix).
type celResult struct {
	ID         string  `json:"id"`
	Value      *string `json:"value,omitempty"`
	Error      *string `json:"error,omitempty"`
	CheckError *string `json:"checkError,omitempty"`
}

var locationPrefix = regexp.MustCompile(`^ERROR: <input>:\d+:\d+: `)

// evaluate compiles and runs one expression the way kro's builder and runtime do:
// kro's default environment with the context names declared as dyn, a plain
// Program, and the `runtime` value in the activation.
func evaluate(c celCase) (res celResult) {
	res.ID = c.ID
	defer func() {
		if r := recover(); r != nil {
			s := fmt.Sprintf("panic: %v", r)
			res = celResult{ID: c.ID, Error: &s}
		}
	}()
	names := make([]string, 0, len(c.Context))
	for k := range c.Context {
		names = append(names, k)
	}
	sort.Strings(names)
	env, err := krocel.DefaultEnvironment(krocel.WithResourceIDs(names))
	if err != nil {
		s := "environment: " + err.Error()
		res.CheckError = &s
		return res
	}
	ast, iss := env.Compile(c.Expr)
	if iss != nil && iss.Err() != nil {
		first := strings.SplitN(iss.Err().Error(), "\n", 2)[0]
		s := locationPrefix.ReplaceAllString(first, "")
		res.CheckError = &s
		return res
	}
	prg, err := env.Program(ast)
	if err != nil {
		s := strings.SplitN(err.Error(), "\n", 2)[0]
		res.CheckError = &s
		return res
	}
	act := map[string]any{library.RuntimeVarName: library.RuntimeSingleton}
	for k, v := range c.Context {
		act[k] = decodeContext(v)
	}
	out, _, err := prg.Eval(act)
	if err != nil {
		s := err.Error()
		res.Error = &s
		return res
	}
	s := canonical(out)
	res.Value = &s
	return res
}

func decodeContext(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			if s, ok := x["$int"].(string); ok {
				n, _ := strconv.ParseInt(s, 10, 64)
				return n
			}
			if s, ok := x["$uint"].(string); ok {
				n, _ := strconv.ParseUint(s, 10, 64)
				return n
			}
		}
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = decodeContext(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = decodeContext(e)
		}
		return l
	}
	return v
}

func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// canonicalDouble prints like Go's encoding/json, plus ".0" on integral values.
func canonicalDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case f == 0 && math.Signbit(f):
		return "-0.0"
	}
	data, _ := json.Marshal(f)
	s := string(data)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// canonical is the value text the TypeScript core's formatCelValue prints
// (see packages/core/src/cel/library/formatCelValue.ts for the grammar).
func canonical(v ref.Val) string {
	switch x := v.(type) {
	case types.Null:
		return "null"
	case types.Bool:
		return strconv.FormatBool(bool(x))
	case types.Int:
		return strconv.FormatInt(int64(x), 10)
	case types.Uint:
		return strconv.FormatUint(uint64(x), 10) + "u"
	case types.Double:
		return canonicalDouble(float64(x))
	case types.String:
		return quote(string(x))
	case types.Bytes:
		var b strings.Builder
		b.WriteString(`b"`)
		for _, c := range []byte(x) {
			if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, `\x%02x`, c)
			}
		}
		b.WriteString(`"`)
		return b.String()
	case types.Timestamp:
		return "timestamp(" + quote(x.Time.UTC().Format(time.RFC3339Nano)) + ")"
	case types.Duration:
		return "duration(" + quote(strconv.FormatFloat(x.Duration.Seconds(), 'f', -1, 64)+"s") + ")"
	case *types.Optional:
		if x.HasValue() {
			return "optional.of(" + canonical(x.GetValue()) + ")"
		}
		return "optional.none()"
	case *types.Type:
		return "type(" + x.TypeName() + ")"
	case apiservercel.IP:
		return "ip(" + quote(x.Addr.String()) + ")"
	case apiservercel.CIDR:
		return "cidr(" + quote(x.Prefix.String()) + ")"
	case apiservercel.URL:
		return "url(" + quote(x.URL.String()) + ")"
	case *library.Condition:
		return fmt.Sprintf("kro.run.Condition{type: %s, status: %s, reason: %s, message: %s}",
			quote(x.ConditionType), quote(x.Status), quote(x.Reason), quote(x.Message))
	}
	if v.Type() == types.ListType {
		if l, ok := v.(traits.Lister); ok {
			var parts []string
			for it := l.Iterator(); it.HasNext() == types.True; {
				parts = append(parts, canonical(it.Next()))
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
	}
	if v.Type() == types.MapType {
		if m, ok := v.(traits.Mapper); ok {
			type entry struct{ k, v string }
			var entries []entry
			for it := m.Iterator(); it.HasNext() == types.True; {
				k := it.Next()
				val, _ := m.Find(k)
				entries = append(entries, entry{canonical(k), canonical(val)})
			}
			// Code-point order of the key texts (byte order of UTF-8), as the TypeScript side sorts them.
			sort.Slice(entries, func(i, j int) bool { return entries[i].k < entries[j].k })
			parts := make([]string, len(entries))
			for i, e := range entries {
				parts[i] = e.k + ": " + e.v
			}
			return "{" + strings.Join(parts, ", ") + "}"
		}
	}
	return "<" + v.Type().TypeName() + ">"
}
