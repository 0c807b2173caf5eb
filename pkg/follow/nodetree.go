package follow

import (
	"cmp"
	"slices"
	"sort"
)

// Node types that shape the tree.
const (
	nodeTypePod       = "Pod"
	nodeTypeStepGroup = "StepGroup" // one "[i]" row of parallel steps: folded away, as argo's CLI does
	nodeTypeRetry     = "Retry"     // its attempts are listed as its children
	nodeTypeTaskGroup = "TaskGroup" // a DAG task's withItems/withParam expansions, listed as its children
)

// nodeTree arranges nodes as argo's CLI shows them: each under the template invocation (steps or DAG)
// that contains it — its boundary — except retry attempts and task expansions, which go under the node
// listing them; step groups are left out and their steps shown under the steps node.
type nodeTree struct {
	roots    []Node
	children map[string][]Node // by parent ID, in display order
}

func buildNodeTree(nodes map[string]Node) nodeTree {
	listers := listingParents(nodes)
	tree := nodeTree{children: map[string][]Node{}}
	for _, node := range nodes {
		if node.Type == nodeTypeStepGroup {
			continue
		}
		if parent := displayParent(nodes, listers, node); parent != "" {
			tree.children[parent] = append(tree.children[parent], node)
		} else {
			tree.roots = append(tree.roots, node)
		}
	}
	sortNodes(tree.roots)
	for _, children := range tree.children {
		sortNodes(children)
	}
	return tree
}

// listingParents maps each node ID to a node listing it in children, preferring one that adopts its
// children (a retry or task group) since that is where it is shown.
func listingParents(nodes map[string]Node) map[string]string {
	ids := make([]string, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the same lister wins every time
	listers := map[string]string{}
	for _, id := range ids {
		for _, child := range nodes[id].Children {
			current, listed := listers[child]
			if !listed || (!adoptsChildren(nodes[current]) && adoptsChildren(nodes[id])) {
				listers[child] = id
			}
		}
	}
	return listers
}

// displayParent is the ID of the row node is shown under, "" for a top-level row. Step groups are
// skipped over to their own parent.
func displayParent(nodes map[string]Node, listers map[string]string, node Node) string {
	for range len(nodes) { // bounded: a malformed graph must not loop forever
		parentID := structuralParent(nodes, listers, node)
		parent, ok := nodes[parentID]
		if !ok || parentID == node.ID {
			return ""
		}
		if parent.Type != nodeTypeStepGroup {
			return parentID
		}
		node = parent
	}
	return ""
}

// structuralParent is the node containing node: its adopting lister, else its boundary, else any
// lister (for servers that leave boundaryID out).
func structuralParent(nodes map[string]Node, listers map[string]string, node Node) string {
	lister, listed := listers[node.ID]
	if listed && adoptsChildren(nodes[lister]) {
		return lister
	}
	if _, ok := nodes[node.BoundaryID]; ok && node.BoundaryID != "" {
		return node.BoundaryID
	}
	return lister
}

func adoptsChildren(node Node) bool {
	return node.Type == nodeTypeRetry || node.Type == nodeTypeTaskGroup
}

// sortNodes orders nodes by start, not-yet-started last, then by name, for a stable display.
func sortNodes(nodes []Node) {
	slices.SortFunc(nodes, func(a, b Node) int {
		if a.StartedAt.IsZero() != b.StartedAt.IsZero() {
			if a.StartedAt.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.StartedAt.Compare(b.StartedAt), cmp.Compare(displayName(a), displayName(b)), cmp.Compare(a.ID, b.ID))
	})
}

// displayName is the node's short name, falling back to its full name.
func displayName(node Node) string {
	return cmp.Or(node.DisplayName, node.Name, node.ID)
}
