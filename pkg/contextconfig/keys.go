package contextconfig

import (
	"reflect"
	"strings"
)

// Keys are the JSON names of the settings, in declaration order: what `config unset` takes. They are
// read from the struct tags so that a new field cannot be forgotten here.
func Keys() []string {
	var keys []string
	eachField(func(key string, _ reflect.StructField) { keys = append(keys, key) })
	return keys
}

// Unset clears the setting named key (a JSON name) and reports whether such a setting exists.
func (s *Settings) Unset(key string) bool {
	found := false
	value := reflect.ValueOf(s).Elem()
	eachField(func(name string, field reflect.StructField) {
		if name == key {
			value.FieldByIndex(field.Index).SetZero()
			found = true
		}
	})
	return found
}

func eachField(visit func(key string, field reflect.StructField)) {
	t := reflect.TypeFor[Settings]()
	for i := range t.NumField() {
		field := t.Field(i)
		if name, _, _ := strings.Cut(field.Tag.Get("json"), ","); name != "" && name != "-" {
			visit(name, field)
		}
	}
}
