package api

import (
	"container/list"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxClients bounds how many clients' rates are remembered; past it the
// least recently seen is forgotten, which only ever lets it in sooner.
const maxClients = 10000

// clientLimits holds a token bucket per client IP, in a map of bounded size
// with least-recently-seen eviction: a flood of addresses costs a bounded
// amount of memory.
type clientLimits struct {
	rate  rate.Limit
	burst int
	max   int

	mu    sync.Mutex
	byIP  map[string]*list.Element
	order *list.List // front: most recently seen
}

type client struct {
	ip      string
	limiter *rate.Limiter
}

func newClientLimits(perSecond float64, burst, max int) *clientLimits {
	return &clientLimits{rate: rate.Limit(perSecond), burst: burst, max: max, byIP: map[string]*list.Element{}, order: list.New()}
}

// allow takes a token for ip; when there is none it says how long until
// there will be.
func (c *clientLimits) allow(ip string, now time.Time) (bool, time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.limiter(ip)
	r := l.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// limiter returns ip's bucket, making it and evicting as needed; c.mu is
// held.
func (c *clientLimits) limiter(ip string) *rate.Limiter {
	if e, ok := c.byIP[ip]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*client).limiter
	}
	if c.order.Len() >= c.max {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.byIP, oldest.Value.(*client).ip)
	}
	cl := &client{ip: ip, limiter: rate.NewLimiter(c.rate, c.burst)}
	c.byIP[ip] = c.order.PushFront(cl)
	return cl.limiter
}

func (c *clientLimits) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// clientIP is the address the request came from. Headers such as
// X-Forwarded-For are not trusted: anyone can set them.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
