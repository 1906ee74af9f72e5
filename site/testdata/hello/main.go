//go:build js && wasm

// The performance harness's reference for the cold start (site/perf_test.go):
// a "hello world" of the same Go toolchain, built as the engine is, that
// tells its page once main runs.
package main

import "syscall/js"

func main() {
	js.Global().Call("helloReady")
	select {}
}
