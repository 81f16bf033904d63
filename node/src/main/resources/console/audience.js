// "Who may read this": the audience picker of the console's forms that publish a record which can be
// sealed (OPERATIONS "Sealed records"): members (organisations) and partnerships. One module so both
// forms send the same audience and read the same answer back.
import {h, clear} from './dom.js';

/**
 * A picker: public, or sealed to named hubs with some members left public (listed) or only the id
 * (unlisted). The hubs offered are those whose signed profile names an encryption key; "followers" is
 * resolved by the server when it signs. Its element ids start with {@code prefix}: {@code aud-public},
 * {@code aud-named}, {@code aud-hub-<hub>} …, and {@code f-audience-error} for the server's field errors.
 *
 * @param prefix '' for the members form, another prefix for each other form on the page
 * @param t the console's string lookup
 * @param self a function answering this hub's id (known after login)
 * @param text the form's own words: legend, listed, unlisted, help
 */
export function audiencePicker(prefix, t, self, text) {
  const id = (name) => prefix + name;
  const kindName = id('audience-kind');
  const hubsName = id('audience-hubs');
  const radio = (name, value, label) => h('span', {class: 'choice'},
    h('input', {type: 'radio', id: id('aud-' + value), name, value, on: {change: show}}), ' ',
    h('label', {for: id('aud-' + value)}, label));
  const box = h('div', {id: id('aud-hubs-box'), hidden: true},
    h('p', {class: 'small muted'}, text.help),
    radio(hubsName, 'followers', t('audience.followers')),
    radio(hubsName, 'named', t('audience.named')),
    h('div', {id: id('aud-hub-list'), role: 'group', 'aria-label': t('audience.named')}));
  const error = h('p', {id: id('f-audience-error'), class: 'field-error'});
  const element = h('fieldset', {id: id('f-audience'), class: 'card', tabindex: '-1', 'aria-describedby': error.id},
    h('legend', null, text.legend),
    radio(kindName, 'public', t('audience.public')), radio(kindName, 'listed', text.listed),
    radio(kindName, 'unlisted', text.unlisted), box, error);
  const input = (value) => element.querySelector('#' + CSS.escape(id('aud-' + value)));

  function show() {
    box.hidden = input('public').checked;
    element.querySelector('#' + CSS.escape(id('aud-hub-list'))).hidden = !input('named').checked;
  }

  async function loadHubs() {
    const list = clear(element.querySelector('#' + CSS.escape(id('aud-hub-list'))));
    const data = await fetch('/v1/directory/hubs').then((r) => r.json());
    const hubs = (data.items || []).filter((hub) => hub.hub !== self() && hub.profile && hub.profile.encryption_key);
    if (!hubs.length) { list.appendChild(h('p', {class: 'small muted'}, t('audience.noHubs'))); return; }
    for (const hub of hubs) {
      const box = id('aud-hub-' + hub.hub);
      list.appendChild(h('span', {class: 'choice'}, h('input', {type: 'checkbox', id: box, name: id('aud-hub'), value: hub.hub}), ' ',
        h('label', {for: box}, (hub.name || hub.hub) + ' (' + hub.hub + ')')));
    }
  }

  return {
    element,
    error,
    /**
     * Shows {@code sealed} (a record's {@code sealed} member, or nothing for a public one). A sealed
     * record's hubs are not shown back (only their wraps are in the log): they are chosen again.
     */
    open(sealed) {
      error.textContent = '';
      input(sealed ? sealed.audience : 'public').checked = true;
      input('followers').checked = false;
      input('named').checked = Boolean(sealed);
      show();
      return loadHubs();
    },
    /**
     * The audience as the API takes it. Always sent, {"kind": "public"} too: the server refuses to
     * replace a sealed record by a write that names none, and a form always knows what was chosen.
     */
    value() {
      const kind = element.querySelector('input[name="' + kindName + '"]:checked').value;
      if (kind === 'public') return {kind};
      if (input('followers').checked) return {kind, hubs: 'followers'};
      return {kind, hubs: [...element.querySelectorAll('input[name="' + id('aud-hub') + '"]:checked')].map((b) => b.value)};
    },
  };
}
