package workflow

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseLabels(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   map[string]string
	}{
		{"none", nil, map[string]string{}},
		{"one", []string{"team=data"}, map[string]string{"team": "data"}},
		{"several in one flag", []string{"team=data,tier=batch"}, map[string]string{"team": "data", "tier": "batch"}},
		{"repeated flag, later wins", []string{"team=data", "team=ml,x=1"}, map[string]string{"team": "ml", "x": "1"}},
		{"prefixed key", []string{"example.com/owner=ops"}, map[string]string{"example.com/owner": "ops"}},
		{"empty value", []string{"flag="}, map[string]string{"flag": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLabels(tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseLabelsErrors(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   string
	}{
		{"no =", []string{"team"}, `invalid label "team": expected KEY=VALUE`},
		{"empty pair", []string{"team=data,"}, `invalid label "": expected KEY=VALUE`},
		{"empty key", []string{"=data"}, `invalid label "=data": key name part must be non-empty`},
		{"bad key", []string{"ok=1,bad key=1"}, `invalid label "bad key=1": key name part must consist of`},
		{"bad prefix", []string{"Example.COM/x=1"}, `invalid label "Example.COM/x=1": key prefix part`},
		{"bad value", []string{"team=data science"}, `invalid label "team=data science": value a valid label must be`},
		{"value too long", []string{"team=" + strings.Repeat("a", 64)}, "value must be no more than 63 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLabels(tt.values)
			wantErrors(t, err, tt.want)
			if got != nil {
				t.Errorf("got labels %v with an error", got)
			}
		})
	}
}
