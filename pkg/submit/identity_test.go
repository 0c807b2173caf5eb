package submit

import (
	"regexp"
	"testing"

	"k8s.io/apimachinery/pkg/util/validation"
)

func TestKeyedIdentityIsDeterministic(t *testing.T) {
	a := mustItem(t, "hello-", "", Identity{Key: "nightly-42"}, 7)
	b := mustItem(t, "hello-", "", Identity{Key: "nightly-42"}, 7)
	other := mustItem(t, "hello-", "", Identity{Key: "nightly-42"}, 8)
	if a.ID != b.ID || a.Workflow.GetName() != b.Workflow.GetName() {
		t.Errorf("same key and position gave %s/%s and %s/%s", a.ID, a.Workflow.GetName(), b.ID, b.Workflow.GetName())
	}
	if a.ID == other.ID || a.Workflow.GetName() == other.Workflow.GetName() {
		t.Error("another position must give another id and name")
	}
	if err := a.setName(1); err != nil || a.Workflow.GetName() == b.Workflow.GetName() {
		t.Errorf("a rename must change the name (%v)", err)
	}
}

func TestRandomIdentityDiffers(t *testing.T) {
	a := mustItem(t, "hello-", "", Identity{}, 0)
	b := mustItem(t, "hello-", "", Identity{}, 0)
	if a.ID == b.ID {
		t.Errorf("two random ids are both %s", a.ID)
	}
}

func TestItemLabelAndName(t *testing.T) {
	item := mustItem(t, "hello-", "", Identity{Key: "k"}, 0)
	id := item.Workflow.GetLabels()[SubmissionIDLabel]
	if errs := validation.IsValidLabelValue(id); len(errs) > 0 || id != item.ID {
		t.Errorf("label %q: %v", id, errs)
	}
	if !regexp.MustCompile(`^hello-[bcdfghjklmnpqrstvwxz2456789]{5}$`).MatchString(item.Workflow.GetName()) {
		t.Errorf("name %q", item.Workflow.GetName())
	}
	fixed := mustItem(t, "gen-", "fixed", Identity{}, 0)
	if fixed.ClientNamed() || fixed.Workflow.GetName() != "fixed" {
		t.Error("a fixed name must be kept and never renamed")
	}
}
