// Package submit creates workflows exactly once over an unreliable network: it names workflows on
// the client and labels each with a submission id, retries ambiguous failures with backoff, tells
// its own earlier attempt from another's workflow on a 409, and runs a batch in parallel while
// reporting in input order.
package submit
