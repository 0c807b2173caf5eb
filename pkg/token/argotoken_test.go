package token

import (
	"context"
	"testing"
)

func TestArgoTokenSource(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{name: "raw token gets Bearer", in: "abc.def.ghi", want: "Bearer abc.def.ghi"},
		{name: "Bearer kept", in: "Bearer abc", want: "Bearer abc"},
		{name: "SSO v2 kept", in: "Bearer v2:xyz", want: "Bearer v2:xyz"},
		{name: "raw SSO v2 gets Bearer", in: "v2:xyz", want: "Bearer v2:xyz"},
		{name: "Basic kept", in: "Basic YWxpY2U6cHc=", want: "Basic YWxpY2U6cHc="},
		{name: "trailing newline trimmed", in: "abc\n", want: "Bearer abc"},
		{name: "surrounding space trimmed", in: "  Bearer abc \t\r\n", want: "Bearer abc"},
		{name: "empty", in: "", wantErr: true},
		{name: "blank", in: " \n", wantErr: true},
		{name: "scheme only", in: "Bearer ", wantErr: true},
		{name: "inner line break", in: "abc\ndef", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := ArgoTokenSource{Value: tt.in}.Token(context.Background())
			if tt.wantErr {
				if err == nil || KindOf(err) != KindUsage {
					t.Fatalf("got %v, %v; want a usage error", tok, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tok.Authorization() != tt.want || tok.Source != ArgoToken {
				t.Errorf("got %q from %s, want %q", tok.Authorization(), tok.Source, tt.want)
			}
		})
	}
}
