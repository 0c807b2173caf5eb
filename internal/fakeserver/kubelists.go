package fakeserver

import (
	"net/http"
	"strings"
)

const argoAPIVersion = "argoproj.io/v1alpha1"

// objectList is one list answer: the items' apiVersion and kind, and the items.
type objectList struct {
	apiVersion, kind string
	items            []map[string]any
}

// serveList answers the GET lists of namespaces, service accounts, secrets and Argo objects, and
// reports whether the path was one of them.
func (k *Kube) serveList(w http.ResponseWriter, r *http.Request, parts []string) bool {
	list, ok := k.list(parts, r.URL.Query().Get("fieldSelector"))
	if ok {
		writeList(w, r, list)
	}
	return ok
}

func (k *Kube) list(parts []string, fieldSelector string) (objectList, bool) {
	path := strings.Join(parts, "/")
	core := len(parts) == 5 && strings.HasPrefix(path, "api/v1/namespaces/")
	argo := len(parts) == 6 && strings.HasPrefix(path, "apis/"+argoAPIVersion+"/namespaces/")
	switch {
	case path == "api/v1/namespaces":
		return named("v1", "Namespace", "", k.Namespaces), true
	case core && parts[4] == "serviceaccounts":
		return named("v1", "ServiceAccount", parts[3], []string{"default", k.ServiceAccount}), true
	case core && parts[4] == "secrets":
		return k.secrets(parts[3], fieldSelector), true
	case path == "apis/"+argoAPIVersion+"/clusterworkflowtemplates":
		return named(argoAPIVersion, "ClusterWorkflowTemplate", "", k.Templates[parts[3]]), true
	case argo && parts[5] == "workflowtemplates":
		return named(argoAPIVersion, "WorkflowTemplate", parts[4], k.Templates[parts[5]]), true
	case argo && parts[5] == "cronworkflows":
		return named(argoAPIVersion, "CronWorkflow", parts[4], k.Templates[parts[5]]), true
	}
	return objectList{}, false
}

// secrets are the service account's token Secret and an Opaque one, which the field selector
// type=kubernetes.io/service-account-token (the only one honoured) leaves out.
func (k *Kube) secrets(ns, fieldSelector string) objectList {
	list := objectList{apiVersion: "v1", kind: "Secret", items: []map[string]any{k.secret(ns)}}
	if fieldSelector != "type=kubernetes.io/service-account-token" {
		opaque := named("v1", "Secret", ns, []string{"app-config"}).items[0]
		opaque["type"] = "Opaque"
		list.items = append(list.items, opaque)
	}
	return list
}

func named(apiVersion, kind, ns string, names []string) objectList {
	list := objectList{apiVersion: apiVersion, kind: kind, items: []map[string]any{}}
	for _, name := range names {
		meta := map[string]any{"name": name}
		if ns != "" {
			meta["namespace"] = ns
		}
		list.items = append(list.items, map[string]any{"apiVersion": apiVersion, "kind": kind, "metadata": meta})
	}
	return list
}

// writeList answers a client that asks for metadata only (Accept …;as=PartialObjectMetadataList, as
// client-go's metadata client does) with metadata only, like a real API server.
func writeList(w http.ResponseWriter, r *http.Request, list objectList) {
	if strings.Contains(r.Header.Get("Accept"), "as=PartialObjectMetadataList") {
		partial := make([]map[string]any, 0, len(list.items))
		for _, item := range list.items {
			partial = append(partial, map[string]any{"apiVersion": "meta.k8s.io/v1", "kind": "PartialObjectMetadata", "metadata": item["metadata"]})
		}
		list = objectList{apiVersion: "meta.k8s.io/v1", kind: "PartialObjectMetadata", items: partial}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"apiVersion": list.apiVersion, "kind": list.kind + "List", "metadata": map[string]any{}, "items": list.items,
	})
}
