import { m } from '$lib/paraglide/messages';
import { t } from '$lib/i18n';

// apart from $lib/i18n, which every page imports: the browser's copy of a page's messages holds the
// pillar and theme names only where tags are shown (vite.config.ts follows imports)
/** A catalogue tag as users read it: `pillar:protection`, `theme:migration`, `sdg:5.5`. */
export function tagLabel(tag: string): string {
	const [kind, value = ''] = tag.split(':', 2);
	if (kind === 'sdg') return m.tag_sdg({ target: value });
	if (kind === 'pillar') return t('pillar_' + value, {}, value);
	if (kind === 'theme') return t('theme_' + value, {}, value);
	return tag;
}
