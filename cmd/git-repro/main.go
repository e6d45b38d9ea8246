package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	cli := &CLI{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Ctx: ctx}
	code := cli.Main(os.Args)
	if ctx.Err() != nil {
		code = 130 // interrupted, as a shell reports it
	}
	stop()
	os.Exit(code)
}
