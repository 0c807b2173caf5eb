package token

import (
	"testing"
	"time"
)

func TestSettingsValidate(t *testing.T) {
	base := Settings{Namespace: "argo", Duration: time.Hour}
	with := func(change func(*Settings)) Settings {
		s := base
		change(&s)
		return s
	}
	tests := []struct {
		name     string
		settings Settings
		wantErr  string // "" when valid
	}{
		{"auto with nothing uses the kubeconfig", base, ""},
		{"zero mode is auto", with(func(s *Settings) { s.Mode = "" }), ""},
		{"auto with argo token", with(func(s *Settings) { s.ArgoToken = "x" }), ""},
		{"auto with service account", with(func(s *Settings) { s.ServiceAccount = "ci" }), ""},
		{"auto with secret", with(func(s *Settings) { s.SecretName = "ci-token" }), ""},
		{"request", with(func(s *Settings) { s.Mode, s.ServiceAccount = Request, "ci" }), ""},
		{"request with audiences", with(func(s *Settings) { s.Mode, s.ServiceAccount, s.Audiences = Request, "ci", []string{"a"} }), ""},
		{"request with API default duration", with(func(s *Settings) { s.Mode, s.ServiceAccount, s.Duration = Request, "ci", 0 }), ""},
		{"secret by service account", with(func(s *Settings) { s.Mode, s.ServiceAccount = Secret, "ci" }), ""},
		{"secret by name", with(func(s *Settings) { s.Mode, s.SecretName = Secret, "ci-token" }), ""},
		{"argo-token", with(func(s *Settings) { s.Mode, s.ArgoToken = ArgoToken, "x" }), ""},
		{"kubeconfig", with(func(s *Settings) { s.Mode = Kubeconfig }), ""},
		{"argo token without namespace", Settings{ArgoToken: "x"}, ""},
		{"exactly the minimum duration", with(func(s *Settings) { s.Mode, s.ServiceAccount, s.Duration = Request, "ci", 10*time.Minute }), ""},

		{"unknown mode", with(func(s *Settings) { s.Mode = "bogus" }), "valid values are"},
		{"duration below the API minimum", with(func(s *Settings) { s.ServiceAccount, s.Duration = "ci", 5*time.Minute }), "at least 10m0s"},
		{"negative duration", with(func(s *Settings) { s.Duration = -time.Hour }), "too short"},
		{"request without service account", with(func(s *Settings) { s.Mode = Request }), "needs --token-service-account"},
		{"secret without service account or name", with(func(s *Settings) { s.Mode = Secret }), "needs --token-service-account or --token-secret"},
		{"argo-token without token", with(func(s *Settings) { s.Mode, s.ArgoToken = ArgoToken, " " }), "needs a token"},
		{"secret name with request", with(func(s *Settings) { s.Mode, s.ServiceAccount, s.SecretName = Request, "ci", "x" }), "--token-secret cannot be used with --token-source request"},
		{"secret name with kubeconfig", with(func(s *Settings) { s.Mode, s.SecretName = Kubeconfig, "x" }), "--token-secret cannot be used with --token-source kubeconfig"},
		{"service account with kubeconfig", with(func(s *Settings) { s.Mode, s.ServiceAccount = Kubeconfig, "ci" }), "--token-service-account cannot be used"},
		{"service account with argo-token", with(func(s *Settings) { s.Mode, s.ArgoToken, s.ServiceAccount = ArgoToken, "x", "ci" }), "--token-service-account cannot be used"},
		{"audiences with secret", with(func(s *Settings) { s.Mode, s.ServiceAccount, s.Audiences = Secret, "ci", []string{"a"} }), "audiences apply only"},
		{"audiences in auto without service account", with(func(s *Settings) { s.Audiences = []string{"a"} }), "audiences need --token-service-account"},
		{"request without namespace", Settings{Mode: Request, ServiceAccount: "ci"}, "no namespace"},
		{"auto secret without namespace", Settings{SecretName: "x"}, "no namespace"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.settings.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			assertError(t, err, KindUsage, tt.wantErr)
		})
	}
}
