package localcluster

import (
	"bufio"
	"encoding/json"
	"os"
)

// auditPolicy records every request of user dave, and who did what to service accounts, their tokens
// and Secrets: enough for tests to see which calls a run made and to count TokenRequests
// (`create serviceaccounts/token`), without logging any body.
const auditPolicy = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
- level: Metadata
  users: ["dave"]
- level: Metadata
  resources:
  - group: ""
    resources: ["serviceaccounts", "serviceaccounts/token", "secrets"]
- level: None
`

// AuditEvent is one kube-apiserver audit record, reduced to what tests look at.
type AuditEvent struct {
	Verb       string `json:"verb"`
	RequestURI string `json:"requestURI"`
	User       struct {
		Username string `json:"username"`
	} `json:"user"`
	ObjectRef struct {
		Resource    string `json:"resource"`
		Subresource string `json:"subresource"`
		Namespace   string `json:"namespace"`
		Name        string `json:"name"`
	} `json:"objectRef"`
	ResponseStatus struct {
		Code int `json:"code"`
	} `json:"responseStatus"`
}

// AuditEvents reads the audit log so far (the API server writes it as requests complete).
func (c *Cluster) AuditEvents() ([]AuditEvent, error) {
	f, err := os.Open(c.auditLog())
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var events []AuditEvent
	scanner := bufio.NewScanner(f)
	scanner.Buffer(make([]byte, 1<<20), 16<<20)
	for scanner.Scan() {
		var e AuditEvent
		if json.Unmarshal(scanner.Bytes(), &e) == nil {
			events = append(events, e)
		}
	}
	return events, scanner.Err()
}

func (c *Cluster) auditLog() string { return c.path("logs/audit.log") }
