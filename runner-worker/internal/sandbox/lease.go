package sandbox

import (
	"fmt"
	"net"
)

// uidLease holds a uid for one slot of one runner on this machine.
//
// Rlimits such as RLIMIT_NPROC count per uid, and processes are told apart
// by uid in the last resort, so two slots, in one runner or in two (tests of
// several packages run at once), must never share one. A lease is an abstract
// unix socket named after the uid: binding it fails while another process
// holds it, and the kernel releases it when its holder exits, so a crashed
// runner leaves nothing behind.
type uidLease struct {
	uid int
	l   net.Listener
}

// maxSlotUIDs bounds the search for a free uid.
const maxSlotUIDs = 256

func leaseUID(base int) (*uidLease, error) {
	for uid := base; uid < base+maxSlotUIDs; uid++ {
		l, err := net.Listen("unix", fmt.Sprintf("@guides-runner/uid/%d", uid))
		if err == nil {
			return &uidLease{uid: uid, l: l}, nil
		}
	}
	return nil, fmt.Errorf("no free sandbox uid in [%d, %d)", base, base+maxSlotUIDs)
}

func (u *uidLease) release() error { return u.l.Close() }
