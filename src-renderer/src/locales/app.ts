export const namespace = 'app';

export const zh = {
  appName: '全托管卖家助手',
  nav: {
    home: '首页',
    stock: '库存自动绑定/解绑',
    exit: '退店',
    deposit: '退保证金',
    fit: '全托管适合我吗',
    settings: '连接设置',
  },
  header: { language: 'English', notices: '通知', demo: '演示店铺', live: '正式店铺', noNotices: '暂无通知' },
  home: {
    title: '首页',
    intro: '这里汇总四件事：活动期间防超卖（库存自动绑定/解绑）、退店、退保证金，以及全托管是否适合您。',
    version: '版本',
    dataDir: '数据文件夹',
    lastBackup: '最近自动备份',
    noBackup: '今天的备份稍后自动完成',
    schema: '数据版本',
    open: '进入',
  },
  areas: {
    stock: '活动期间商品数量不能修改：仓库没货时自动解绑，有货时自动绑定，防止超卖。',
    exit: '按平台流程一步步退店：准备、提交申请、平台审核（3个工作日）、办理手续、退店成功。',
    deposit: '检查退保证金条件，计算可退金额，并在支付宝账单中核对到账。',
    fit: '根据您的情况判断全托管是否适合：工厂型卖家、供应链优势卖家、贸易商与铺货卖家。',
    settings: '连接速卖通店铺和库存来源（通途、文件导入或演示）。',
  },
  welcome: {
    title: '欢迎使用全托管卖家助手',
    body: '所有数据都保存在这台电脑上，断网也能用。第一次使用，可以先用演示店铺看看程序怎么工作，不需要任何账号。',
    demo: '使用演示店铺',
    demoHint: '内置的模拟速卖通和模拟通途，随时可以换成您的正式店铺。',
    live: '连接我的店铺',
    liveHint: '填写速卖通开放平台和通途的授权信息。',
  },
  error: {
    title: '页面出错了',
    body: '这个页面遇到了问题，已保存的数据不受影响。请点击“重新加载”；如果仍然出错，请导出日志发给客服。',
    reload: '重新加载',
  },
  common: { loading: '加载中…', retry: '重试', save: '保存', cancel: '取消', confirm: '确定', back: '上一步', next: '下一步' },
};

export const en: typeof zh = {
  appName: 'Choice Seller Desk',
  nav: {
    home: 'Home',
    stock: 'Auto bind & unbind',
    exit: 'Store exit',
    deposit: 'Deposit refund',
    fit: 'Is fully-managed for me?',
    settings: 'Connections',
  },
  header: { language: '中文', notices: 'Notices', demo: 'Demo store', live: 'Live store', noNotices: 'No notices' },
  home: {
    title: 'Home',
    intro:
      'Four jobs in one place: stop overselling during campaigns (auto bind & unbind), exit the store, get the deposit back, and check whether fully-managed suits you.',
    version: 'Version',
    dataDir: 'Data folder',
    lastBackup: 'Last automatic backup',
    noBackup: "Today's backup runs shortly",
    schema: 'Schema version',
    open: 'Open',
  },
  areas: {
    stock: 'Quantities cannot change during a campaign: unbind when the warehouse runs out, bind again when stock returns.',
    exit: 'Exit step by step: prepare, apply, platform review (3 working days), procedures, done.',
    deposit: 'Check the refund conditions, compute the refundable amount and confirm arrival in your Alipay bill.',
    fit: 'Whether fully-managed suits you: factory sellers, sellers with a supply-chain edge, traders and listing sellers.',
    settings: 'Connect your AliExpress store and your stock source (Tongtool, file import or demo).',
  },
  welcome: {
    title: 'Welcome to Choice Seller Desk',
    body: 'Everything stays on this computer and works offline. Try the demo store first to see how the app works; no account needed.',
    demo: 'Use the demo store',
    demoHint: 'A built-in simulated AliExpress and Tongtool; switch to your real store any time.',
    live: 'Connect my store',
    liveHint: 'Enter your AliExpress Open Platform and Tongtool credentials.',
  },
  error: {
    title: 'This page failed',
    body: 'The page ran into a problem; saved data is not affected. Click Reload; if it keeps failing, export the log and send it to support.',
    reload: 'Reload',
  },
  common: { loading: 'Loading…', retry: 'Retry', save: 'Save', cancel: 'Cancel', confirm: 'OK', back: 'Back', next: 'Next' },
};
