// Package workflow reads Argo Workflows from files and applies the argo-submit
// options to them. It handles workflows as *unstructured.Unstructured so the
// plugin does not depend on the Argo Workflows Go module, and it does no I/O:
// callers pass in the bytes they read. Every problem with the input is an
// *InputError, so the command can refuse to submit anything when one input is bad.
package workflow
