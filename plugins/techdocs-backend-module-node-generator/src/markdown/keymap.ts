/** pymdownx.keys' key names (US keymap) and the labels it writes for them. */
const PUNCTUATION: Record<string, string> = {
  backslash: '\\',
  bar: '|',
  'brace-left': '{',
  'brace-right': '}',
  'bracket-left': '[',
  'bracket-right': ']',
  colon: ':',
  comma: ',',
  'double-quote': '"',
  equal: '=',
  exclam: '!',
  grave: '`',
  greater: '>',
  less: '<',
  minus: '-',
  period: '.',
  plus: '+',
  question: '?',
  semicolon: ';',
  'single-quote': "'",
  slash: '/',
  tilde: '~',
  underscore: '_',
};

// One key a line: its name, a space, its label.
const NAMED = `
space Space
arrow-up Up
arrow-down Down
arrow-left Left
arrow-right Right
page-up Page Up
page-down Page Down
home Home
end End
backspace Backspace
delete Del
insert Ins
tab Tab
break Break
caps-lock Caps Lock
clear Clear
eject Eject
enter Enter
escape Esc
help Help
print-screen Print Screen
scroll-lock Scroll Lock
num-asterisk Num *
num-clear Num Clear
num-delete Num Del
num-equal Num =
num-lock Num Lock
num-minus Num -
num-plus Num +
num-separator Num .
num-slash Num /
num-enter Num Enter
alt Alt
alt-graph AltGr
command Cmd
control Ctrl
function Fn
left-alt Left Alt
left-command Left Command
left-control Left Ctrl
left-meta Left Meta
left-option Left Option
left-shift Left Shift
left-super Left Super
left-windows Left Win
meta Meta
option Option
right-alt Right Alt
right-command Right Command
right-control Right Ctrl
right-meta Right Meta
right-option Right Option
right-shift Right Shift
right-super Right Super
right-windows Right Win
shift Shift
super Super
windows Win
backtab Back Tab
browser-back Browser Back
browser-favorites Browser Favorites
browser-forward Browser Forward
browser-home Browser Home
browser-refresh Browser Refresh
browser-search Browser Search
browser-stop Browser Stop
context-menu Menu
copy Copy
mail Mail
media Media
media-next-track Next Track
media-pause Pause
media-play Play
media-play-pause Play/Pause
media-prev-track Previous Track
media-stop Stop
print Print
reset Reset
select Select
sleep Sleep
volume-down Volume Down
volume-mute Mute
volume-up Volume Up
zoom Zoom
power Power
fingerprint Fingerprint
left-button Left Button
middle-button Middle Button
right-button Right Button
x-button1 X Button 1
x-button2 X Button 2
`;

// One alias a line: the alias, a space, the key it names.
const ALIASES = `
add num-plus
altgr alt-graph
apps context-menu
back backspace
bksp backspace
bktab backtab
cancel break
capital caps-lock
close-brace brace-right
close-bracket bracket-right
clr clear
cmd command
cplk caps-lock
ctrl control
dblquote double-quote
decimal num-separator
del delete
divide num-slash
down arrow-down
esc escape
return enter
exclamation exclam
favorites browser-favorites
fn function
forward browser-forward
grave-accent grave
greater-than greater
gt greater
hyphen minus
ins insert
lalt left-alt
launch-mail mail
launch-media media
lbutton left-button
lcmd left-command
lcommand left-command
lcontrol left-control
lctrl left-control
left arrow-left
left-cmd left-command
left-ctrl left-control
lopt left-option
loption left-option
left-opt left-option
left-win left-windows
less-than less
lmeta left-meta
lshift left-shift
lsuper left-super
lt less
lwin left-windows
lwindows left-windows
mbutton middle-button
menu context-menu
multiply num-asterisk
mute volume-mute
next page-down
next-track media-next-track
num-del num-delete
numlk num-lock
open-brace brace-left
open-bracket bracket-left
opt option
page-dn page-down
page-up page-up
pause media-pause
pg-dn page-down
pg-up page-up
pipe bar
play media-play
play-pause media-play-pause
prev-track media-prev-track
prior page-up
prtsc print-screen
question-mark question
ralt right-alt
rbutton right-button
rcontrol right-control
rcmd right-command
rcommand right-command
rctrl right-control
refresh browser-refresh
right arrow-right
right-cmd right-command
right-ctrl right-control
right-meta right-meta
right-opt right-option
right-win right-windows
rmeta right-meta
ropt right-option
roption right-option
rshift right-shift
rsuper right-super
rwin right-windows
rwindows right-windows
scroll scroll-lock
search browser-search
separator num-separator
spc space
stop media-stop
subtract num-minus
tabulator tab
up arrow-up
vol-down volume-down
vol-mute volume-mute
vol-up volume-up
win windows
xbutton1 x-button1
xbutton2 x-button2
`;

function lines(table: string): Array<[string, string]> {
  return table
    .split('\n')
    .filter(Boolean)
    .map(line => {
      const space = line.indexOf(' ');
      return [line.slice(0, space), line.slice(space + 1)];
    });
}

function generated(): Array<[string, string]> {
  const keys: Array<[string, string]> = [];
  for (let i = 0; i <= 9; i++)
    keys.push([`${i}`, `${i}`], [`num${i}`, `Num ${i}`]);
  for (let c = 0x61; c <= 0x7a; c++) {
    const letter = String.fromCharCode(c);
    keys.push([letter, letter.toUpperCase()]);
  }
  for (let i = 1; i <= 24; i++) keys.push([`f${i}`, `F${i}`]);
  return keys;
}

/** Each key's label, by its canonical name (`control`: `Ctrl`). */
export const KEY_LABELS: ReadonlyMap<string, string> = new Map([
  ...generated(),
  ...Object.entries(PUNCTUATION),
  ...lines(NAMED),
]);

/** Other names of keys (`ctrl` is `control`). */
export const KEY_ALIASES: ReadonlyMap<string, string> = new Map(lines(ALIASES));
