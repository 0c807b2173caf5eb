package submit

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/workflow"
)

// SubmissionIDLabel marks every workflow created with the id of its submission, so that a 409 after
// an ambiguous failure (or a rerun with the same idempotency key) can tell our workflow from another's.
const SubmissionIDLabel = "kubectl-argo-submit.io/submission-id"

// idLength keeps the id a valid label value (at most 63) while leaving collisions out of reach.
const idLength = 32

// Identity chooses names and submission ids: random, or derived from Key and the input's position
// so that a rerun of the same command picks the same ones.
type Identity struct {
	Key string // the --idempotency-key; empty for random
}

// SubmissionID is the label value of the index-th workflow.
func (id Identity) SubmissionID(index int) (string, error) {
	if id.Key == "" {
		b := make([]byte, idLength/2)
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("generating a submission id: %w", err)
		}
		return hex.EncodeToString(b), nil
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("submission-id\x00%s\x00%d", id.Key, index)))
	return hex.EncodeToString(sum[:])[:idLength], nil
}

// nameSource is the randomness of the index-th workflow's name after renames renames.
func (id Identity) nameSource(index, renames int) io.Reader {
	if id.Key == "" {
		return rand.Reader
	}
	return &hashStream{seed: fmt.Sprintf("name\x00%s\x00%d\x00%d", id.Key, index, renames)}
}

// hashStream is an endless deterministic byte stream: SHA-256 of the seed and a block counter.
type hashStream struct {
	seed    string
	counter uint64
	buf     []byte
}

func (h *hashStream) Read(p []byte) (int, error) {
	for n := 0; n < len(p); {
		if len(h.buf) == 0 {
			block := sha256.Sum256(binary.BigEndian.AppendUint64([]byte(h.seed+"\x00"), h.counter))
			h.counter++
			h.buf = block[:]
		}
		c := copy(p[n:], h.buf)
		h.buf = h.buf[c:]
		n += c
	}
	return len(p), nil
}

// Item is one workflow ready for Create: labelled, and named on the client when it had only a
// generateName.
type Item struct {
	Workflow *unstructured.Unstructured
	ID       string // the submission id label value
	Keyed    bool   // the id comes from an idempotency key, so a first-attempt 409 may be ours
	rename   func(renames int) (string, error)
}

// NewItem labels wf (changing it) with its submission id and, when it has a generateName but no
// name, gives it a name the API server's way.
func NewItem(wf *unstructured.Unstructured, id Identity, index int) (*Item, error) {
	subID, err := id.SubmissionID(index)
	if err != nil {
		return nil, err
	}
	labels := wf.GetLabels()
	if labels == nil {
		labels = map[string]string{}
	}
	labels[SubmissionIDLabel] = subID
	wf.SetLabels(labels)
	item := &Item{Workflow: wf, ID: subID, Keyed: id.Key != ""}
	if prefix := wf.GetGenerateName(); wf.GetName() == "" && prefix != "" {
		item.rename = func(renames int) (string, error) {
			return workflow.GenerateName(prefix, id.nameSource(index, renames))
		}
		if err := item.setName(0); err != nil {
			return nil, err
		}
	}
	return item, nil
}

// ClientNamed reports a name chosen here, which may be changed after a conflict with another's workflow.
func (it *Item) ClientNamed() bool { return it.rename != nil }

func (it *Item) setName(renames int) error {
	name, err := it.rename(renames)
	if err != nil {
		return err
	}
	it.Workflow.SetName(name)
	return nil
}
