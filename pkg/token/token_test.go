package token

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestTokenFormattingNeverShowsValue(t *testing.T) {
	const secret = "do-not-print-me"
	expiry := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	tok := NewToken("Bearer "+secret, Request, "serviceaccount argo/ci", expiry)
	holder := struct {
		tok   Token
		ptr   *Token
		Value Token
	}{*tok, tok, *tok}

	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"} {
		for name, arg := range map[string]interface{}{"pointer": tok, "value": *tok, "holder": holder} {
			out := fmt.Sprintf(verb, arg)
			if strings.Contains(out, secret) || strings.Contains(out, fmt.Sprintf("%x", secret)) {
				t.Errorf("%s of %s shows the value: %s", verb, name, out)
			}
		}
	}
	if got := fmt.Sprintf("%v", tok); !strings.Contains(got, "request") || !strings.Contains(got, "serviceaccount argo/ci") {
		t.Errorf("%%v = %q, want source and subject", got)
	}
	if got := fmt.Sprintf("%#v", tok); !strings.HasPrefix(got, "token.Token{") {
		t.Errorf("%%#v = %q", got)
	}
	if got := fmt.Sprintf("%q", tok); !strings.HasPrefix(got, `"token from request`) {
		t.Errorf("%%q = %q", got)
	}
	if tok.Authorization() != "Bearer "+secret {
		t.Errorf("Authorization() = %q", tok.Authorization())
	}
}

func TestNilTokenAuthorization(t *testing.T) {
	var tok *Token
	if tok.Authorization() != "" {
		t.Error("nil token has an Authorization")
	}
	if got := fmt.Sprint(tok); got != "<nil>" {
		t.Errorf("nil token prints %q", got)
	}
}

func TestParseMode(t *testing.T) {
	for in, want := range map[string]Mode{
		"auto": Auto, "": Auto, " Request ": Request, "SECRET": Secret,
		"kubeconfig": Kubeconfig, "argo-token": ArgoToken,
	} {
		got, err := ParseMode(in)
		if err != nil || got != want {
			t.Errorf("ParseMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParseMode("tokenrequest")
	if err == nil {
		t.Fatal("ParseMode accepted an invalid value")
	}
	for _, m := range Modes() {
		if !strings.Contains(err.Error(), string(m)) {
			t.Errorf("error %q does not list %q", err, m)
		}
	}
	if KindOf(err) != KindUsage {
		t.Errorf("kind = %v, want usage", KindOf(err))
	}
}

func TestErrorText(t *testing.T) {
	cause := fmt.Errorf("dial tcp: refused")
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Message: "m"}, "m"},
		{&Error{Message: "m", Err: cause}, "m: dial tcp: refused"},
		{&Error{Message: "m (dial tcp: refused)", Err: cause}, "m (dial tcp: refused)"},
		{&Error{Err: cause}, "dial tcp: refused"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	if KindOf(cause) != KindOther || KindOf(fmt.Errorf("wrapped: %w", &Error{Kind: KindAuth})) != KindAuth {
		t.Error("KindOf does not follow the chain")
	}
}
