package fakeserver

import (
	"encoding/json"
	"net/http"
)

// TokenRequestSpec is what a TokenRequest asked for: its lifetime and audiences.
type TokenRequestSpec struct {
	ExpirationSeconds int64    `json:"expirationSeconds"`
	Audiences         []string `json:"audiences"`
}

// TokenRequests lists the spec of every TokenRequest received, in order.
func (k *Kube) TokenRequests() []TokenRequestSpec {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]TokenRequestSpec(nil), k.tokenRequests...)
}

func (k *Kube) recordTokenRequest(r *http.Request) {
	var body struct {
		Spec TokenRequestSpec `json:"spec"`
	}
	_ = json.NewDecoder(r.Body).Decode(&body)
	k.mu.Lock()
	k.tokenRequests = append(k.tokenRequests, body.Spec)
	k.mu.Unlock()
}
