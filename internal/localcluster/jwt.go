package localcluster

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"time"
)

// ExpiredToken signs a service-account token for namespace/name with the cluster's own key that
// expired an hour ago: the real shape of a stale token, which the API server rejects with 401.
func (c *Cluster) ExpiredToken(namespace, name string) (string, error) {
	now := time.Now()
	claims := map[string]any{
		"iss": "https://kubernetes.default.svc",
		"aud": []string{"https://kubernetes.default.svc"},
		"sub": "system:serviceaccount:" + namespace + ":" + name,
		"iat": now.Add(-2 * time.Hour).Unix(),
		"nbf": now.Add(-2 * time.Hour).Unix(),
		"exp": now.Add(-time.Hour).Unix(),
		"kubernetes.io": map[string]any{
			"namespace":      namespace,
			"serviceaccount": map[string]any{"name": name, "uid": "00000000-0000-0000-0000-000000000000"},
		},
	}
	return signRS256(c.saKey, claims)
}

func signRS256(key *rsa.PrivateKey, claims map[string]any) (string, error) {
	header, err := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT"})
	if err != nil {
		return "", err
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	signed := enc.EncodeToString(header) + "." + enc.EncodeToString(payload)
	digest := sha256.Sum256([]byte(signed))
	signature, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		return "", err
	}
	return signed + "." + enc.EncodeToString(signature), nil
}
