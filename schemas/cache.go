package schemas

import (
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Caches of what never changes between drafts: a schema set's expansion,
// and what a set without conditions says of every object.

// setKey identifies a small schema set (up to 4 schemas, as the drafts'
// objects have) for the caches below.
type setKey [4]*jsonschema.Schema

func keyOf(set []*jsonschema.Schema) (setKey, bool) {
	var k setKey
	if len(set) > len(k) {
		return k, false
	}
	copy(k[:], set)
	return k, true
}

var (
	staticInfo sync.Map // setKey -> objectInfo, for sets without conditions
	expanded   sync.Map // setKey -> []*jsonschema.Schema, expandBase of the set
)

// objectOfShared is objectOf for read-only use: a set without if/then or
// dependentRequired gives the same answer for every value, so that answer
// is computed once (validation spent a third of its time here).
func objectOfShared(set []*jsonschema.Schema, obj map[string]any) objectInfo {
	k, ok := keyOf(set)
	if !ok {
		return objectOf(set, obj)
	}
	if v, ok := staticInfo.Load(k); ok {
		return v.(objectInfo)
	}
	for _, s := range set {
		if s.If != nil || len(s.DependentRequired) > 0 {
			return objectOf(set, obj)
		}
	}
	info := objectOf(set, nil)
	staticInfo.Store(k, info)
	return info
}

// expandShared is expandBase for read-only use, computed once per set.
func expandShared(set []*jsonschema.Schema) []*jsonschema.Schema {
	k, ok := keyOf(set)
	if !ok {
		return expandBase(set)
	}
	if v, ok := expanded.Load(k); ok {
		return v.([]*jsonschema.Schema)
	}
	out := expandBase(set)
	expanded.Store(k, out)
	return out
}
