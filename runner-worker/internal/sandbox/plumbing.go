package sandbox

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// plumbing is the set of file descriptors a run hands to its sandbox. Each
// pipe has the runner's end and the child's end; the child's ends are closed
// in the runner as soon as the child has them, so that end of file on a read
// end means every process of the run has gone.
type plumbing struct {
	stdoutR, stdoutW   *os.File
	stderrR, stderrW   *os.File
	resultsR, resultsW *os.File // fd 3 in the sandbox
	startedR, startedW *os.File // fd 4: the sandbox's init writes a byte when it reaches the command
	infoR, infoW       *os.File // bwrap --info-fd: the sandbox's pid
	blockR, blockW     *os.File // bwrap --block-fd: held until the runner holds the sandbox (pidfd, cgroups)
	filter             *os.File
	files              []*os.File
	extra              []*os.File // ExtraFiles: fd 3 onwards
}

// fdOf returns the descriptor number f will have in the child.
func (p *plumbing) fdOf(f *os.File) int {
	for i, e := range p.extra {
		if e == f {
			return 3 + i
		}
	}
	panic("sandbox: file not passed to the child")
}

// newPlumbing makes the descriptors of a run. sandboxed adds the seccomp
// filter and bwrap's info and block pipes.
func newPlumbing(spec Spec, filter []byte, sandboxed bool) (*plumbing, error) {
	p := &plumbing{}
	pairs := []struct{ r, w **os.File }{
		{&p.stdoutR, &p.stdoutW}, {&p.stderrR, &p.stderrW},
		{&p.resultsR, &p.resultsW}, {&p.startedR, &p.startedW},
	}
	if sandboxed {
		pairs = append(pairs, struct{ r, w **os.File }{&p.infoR, &p.infoW}, struct{ r, w **os.File }{&p.blockR, &p.blockW})
	}
	for _, pr := range pairs {
		r, w, err := os.Pipe()
		if err != nil {
			p.close()
			return nil, fmt.Errorf("make sandbox pipe: %w", err)
		}
		*pr.r, *pr.w = r, w
	}
	p.extra = []*os.File{p.resultsW, p.startedW}
	if sandboxed {
		f, err := memFile("seccomp", filter)
		if err != nil {
			p.close()
			return nil, err
		}
		p.filter = f
		p.extra = append(p.extra, f)
	}
	for _, file := range spec.Files {
		f, err := memFile(file.Name, file.Data)
		if err != nil {
			p.close()
			return nil, err
		}
		p.files = append(p.files, f)
		p.extra = append(p.extra, f)
	}
	if sandboxed {
		p.extra = append(p.extra, p.infoW, p.blockR)
	}
	return p, nil
}

// memFile returns an anonymous in-memory file holding data, read from its
// start: how code goes into a sandbox without a path on the host.
func memFile(name string, data []byte) (*os.File, error) {
	fd, err := unix.MemfdCreate("sandbox-"+name, unix.MFD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("memfd for %s: %w", name, err)
	}
	f := os.NewFile(uintptr(fd), name)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, fmt.Errorf("write memfd for %s: %w", name, err)
	}
	if _, err := f.Seek(0, 0); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// closeChildEnds closes the runner's copies of what the child holds.
func (p *plumbing) closeChildEnds() {
	for _, f := range append([]*os.File{p.stdoutW, p.stderrW}, p.extra...) {
		if f != nil {
			f.Close()
		}
	}
}

// close closes everything the runner still holds but the capture's read ends.
func (p *plumbing) close() error {
	var err error
	for _, f := range append([]*os.File{p.stdoutW, p.stderrW, p.infoR, p.blockW}, p.extra...) {
		if f != nil {
			if cerr := f.Close(); cerr != nil && !errors.Is(cerr, os.ErrClosed) {
				err = errors.Join(err, cerr)
			}
		}
	}
	return err
}

// closeAll also closes the read ends, for a run that never started.
func (p *plumbing) closeAll() {
	p.close()
	for _, f := range []*os.File{p.stdoutR, p.stderrR, p.resultsR, p.startedR} {
		if f != nil {
			f.Close()
		}
	}
}
