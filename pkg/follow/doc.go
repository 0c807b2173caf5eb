// Package follow follows submitted Argo Workflows until they finish: it watches each workflow through
// the Argo Server (reconnecting, and polling when the server will not stream), reads what the views
// show from the workflow object, and renders it as lines for logs or as an argo-style tree for a terminal.
package follow
