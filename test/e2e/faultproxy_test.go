package e2e

import (
	"encoding/binary"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// faultProxy forwards TCP between the plugin and the real Argo Server on 127.0.0.1, TLS untouched,
// and breaks some connections: a reset after the request went through (the answer is lost), or a
// drop before the request reaches the server. It reads only TLS record headers to tell when the
// client's first application data (the request) goes by.
type faultProxy struct {
	ln            net.Listener
	target        string
	conns         atomic.Int64
	resets, drops atomic.Int64
	faultEvery    int64 // of each faultEvery connections, one is reset and one dropped
	wg            sync.WaitGroup
}

const tlsApplicationData = 23

func startFaultProxy(t *testing.T, target string, faultEvery int64) *faultProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &faultProxy{ln: ln, target: target, faultEvery: faultEvery}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.wg.Wait() })
	return p
}

func (p *faultProxy) addr() string { return p.ln.Addr().String() }

func (p *faultProxy) serve() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		n := p.conns.Add(1)
		p.wg.Add(1)
		go func() { defer p.wg.Done(); p.handle(client.(*net.TCPConn), n) }()
	}
}

func (p *faultProxy) handle(client *net.TCPConn, n int64) {
	defer client.Close()
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	defer server.Close()
	requestSent, clientDone := make(chan struct{}), make(chan struct{})
	mode := n % p.faultEvery
	go func() {
		defer close(clientDone)
		p.clientToServer(client, server, mode, requestSent)
	}()
	switch mode {
	case 1: // reset: the request went through; hold back the answer and reset the client
		go forwardUntil(client, server, requestSent)
		<-requestSent
		time.Sleep(150 * time.Millisecond) // let the server act on it
		p.resets.Add(1)
		_ = client.SetLinger(0) // RST, not FIN
	case 2: // drop: the handshake completes, then the connection closes before the request reaches the server
		go func() { _, _ = io.Copy(client, server) }()
		<-requestSent
		p.drops.Add(1)
	default:
		// The client's end (the plugin exits) ends the server side too, kept alive or not.
		go func() { <-clientDone; server.Close() }()
		_, _ = io.Copy(client, server)
	}
}

// clientToServer forwards whole TLS records; for a dropped connection it withholds the request.
// requestSent closes once the second application-data record (after the client's Finished) passes.
func (p *faultProxy) clientToServer(client, server net.Conn, mode int64, requestSent chan struct{}) {
	defer close(requestSent)
	appData := 0
	header := make([]byte, 5)
	for {
		if _, err := io.ReadFull(client, header); err != nil {
			return
		}
		body := make([]byte, binary.BigEndian.Uint16(header[3:5]))
		if _, err := io.ReadFull(client, body); err != nil {
			return
		}
		if header[0] == tlsApplicationData {
			appData++
		}
		if appData == 2 && mode == 2 {
			return
		}
		if _, err := server.Write(append(header, body...)); err != nil {
			return
		}
		if appData == 2 && mode == 1 {
			// Keep forwarding the rest of the request (an HTTP/2 preface may come first).
			go func() { _, _ = io.Copy(server, client) }()
			return
		}
	}
}

// forwardUntil copies the server's bytes (the TLS handshake) to the client until the request was
// sent, and throws away the rest: the answer never arrives.
func forwardUntil(client, server net.Conn, cut <-chan struct{}) {
	buf := make([]byte, 32*1024)
	for {
		n, err := server.Read(buf)
		select {
		case <-cut:
		default:
			if _, werr := client.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
