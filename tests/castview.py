"""castview.py: render an asciicast v2 file the way a terminal would, for the
tests. Enough of a VT100/xterm to follow what ncurses writes: cursor moves,
erases, scroll regions, inserted and deleted lines and characters; colours and
modes are ignored. Prints the screen after the last event, or, with --every,
every screen after each event, separated by a line "--- T" (T its time).

  python3 castview.py [--every] FILE.cast
Exits 1 (with the reason) when a line is not the JSON asciicast v2 expects."""
import json
import re
import sys

CSI = re.compile(r"\x1b\[([?>]?)([0-9;]*)([@A-Za-z])")


class Screen:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.rows = [[" "] * w for _ in range(h)]
        self.y = self.x = 0
        self.top, self.bottom = 0, h - 1

    def scroll_up(self, n=1, top=None):
        top = self.top if top is None else top
        for _ in range(n):
            del self.rows[top]
            self.rows.insert(self.bottom, [" "] * self.w)

    def scroll_down(self, n=1, top=None):
        top = self.top if top is None else top
        for _ in range(n):
            del self.rows[self.bottom]
            self.rows.insert(top, [" "] * self.w)

    def put(self, ch):
        if self.x >= self.w:  # pending wrap
            self.x = 0
            self.newline()
        self.rows[self.y][self.x] = ch
        self.x += 1

    def newline(self):
        if self.y == self.bottom:
            self.scroll_up()
        elif self.y < self.h - 1:
            self.y += 1

    def csi(self, private, params, final):
        args = [int(p) if p else 0 for p in params.split(";")] if params else []
        n = args[0] if args and args[0] else 1
        if private:
            return  # modes: cursor visibility, mouse, alternate screen
        clamp = lambda v, hi: max(0, min(v, hi))
        if final == "H" or final == "f":
            self.y = clamp((args[0] if args and args[0] else 1) - 1, self.h - 1)
            self.x = clamp((args[1] if len(args) > 1 and args[1] else 1) - 1, self.w - 1)
        elif final == "A":
            self.y = clamp(self.y - n, self.h - 1)
        elif final == "B":
            self.y = clamp(self.y + n, self.h - 1)
        elif final == "C":
            self.x = clamp(self.x + n, self.w - 1)
        elif final == "D":
            self.x = clamp(min(self.x, self.w - 1) - n, self.w - 1)
        elif final == "G":
            self.x = clamp(n - 1, self.w - 1)
        elif final == "d":
            self.y = clamp(n - 1, self.h - 1)
        elif final == "K":
            x = min(self.x, self.w)
            mode = args[0] if args else 0
            cells = range(x, self.w) if mode == 0 else range(0, x + 1) if mode == 1 else range(self.w)
            for i in cells:
                if i < self.w:
                    self.rows[self.y][i] = " "
        elif final == "J":
            mode = args[0] if args else 0
            if mode == 0:
                self.csi("", "0", "K")
                rows = range(self.y + 1, self.h)
            elif mode == 1:
                rows = range(0, self.y)
            else:
                rows = range(self.h)
            for r in rows:
                self.rows[r] = [" "] * self.w
        elif final == "X":
            for i in range(self.x, min(self.x + n, self.w)):
                self.rows[self.y][i] = " "
        elif final == "@":
            row = self.rows[self.y]
            self.rows[self.y] = (row[: self.x] + [" "] * n + row[self.x :])[: self.w]
        elif final == "P":
            row = self.rows[self.y]
            self.rows[self.y] = row[: self.x] + row[self.x + n :] + [" "] * n
        elif final == "L":
            self.scroll_down(n, self.y)
        elif final == "M":
            self.scroll_up(n, self.y)
        elif final == "S":
            self.scroll_up(n)
        elif final == "T":
            self.scroll_down(n)
        elif final == "r":
            self.top = (args[0] if args and args[0] else 1) - 1
            self.bottom = (args[1] if len(args) > 1 and args[1] else self.h) - 1
            self.y = self.x = 0
        # m (colours), h/l (modes), t (window ops): nothing to draw

    def feed(self, text):
        i = 0
        while i < len(text):
            c = text[i]
            if c == "\x1b":
                m = CSI.match(text, i)
                if m:
                    self.csi(*m.groups())
                    i = m.end()
                    continue
                if text[i + 1 : i + 2] in ("(", ")"):
                    i += 3
                elif text[i + 1 : i + 2] == "M":  # reverse index
                    if self.y == self.top:
                        self.scroll_down()
                    elif self.y > 0:
                        self.y -= 1
                    i += 2
                else:
                    i += 2
                continue
            if c == "\r":
                self.x = 0
            elif c == "\n":
                self.newline()
            elif c == "\b":
                self.x = max(0, min(self.x, self.w) - 1)
            elif c == "\t":
                self.x = min((self.x // 8 + 1) * 8, self.w - 1)
            elif c >= " ":
                self.put(c)
            i += 1

    def text(self):
        return "\n".join("".join(r).rstrip() for r in self.rows)


def main(argv):
    every = "--every" in argv
    path = [a for a in argv if a != "--every"][0]
    lines = open(path, encoding="utf-8").read().splitlines()
    try:
        head = json.loads(lines[0])
        assert head["version"] == 2, "version is not 2"
        screen = Screen(head["width"], head["height"])
        last = 0.0
        for n, line in enumerate(lines[1:], 2):
            t, kind, data = json.loads(line)
            assert isinstance(t, float) and t >= last, "line %d: time goes back" % n
            assert kind == "o", "line %d: not output" % n
            last = t
            screen.feed(data)
            if every:
                print("--- %.6f" % t)
                print(screen.text())
    except (ValueError, KeyError, AssertionError, IndexError) as e:
        print("%s: not an asciicast v2 file: %s" % (path, e))
        return 1
    if not every:
        print(screen.text())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
